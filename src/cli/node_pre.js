// src/cli/node_pre.js: --pre-js for the wasm bprop under node. On exit, set the exit code and let node drain
// stdout instead of calling process.exit(), which drops output still queued for a pipe (a large export).
Module['quit'] = function (status, toThrow) {
  process.exitCode = status;
  throw toThrow;
};
