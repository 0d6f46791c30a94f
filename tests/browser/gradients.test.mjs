// tests/browser/gradients.test.mjs: what the page shows is the gradient the engine applies, also where sigmoid
// saturates, and a regularized dL/dW shows its split.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

test('a logistic unit with W = [[1000, 0]] on wrongly labelled points shows dL/dW = [6, 0]', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'v=1&model=logreg&batch=10' });
  // Two points on the x axis with the labels a sigmoid of 1000 x gets wrong: z = +-6000.
  const points = await s.api('open', 'x,y,label\n6,0,0\n-6,0,1\n', 'points.csv');
  assert.ok(points.ok, JSON.stringify(points));
  const model = JSON.parse(await s.api('exportText', 'model'));
  model.layers[0].W = [[1000, 0]];
  model.layers[0].b = [0];
  const opened = await s.api('open', JSON.stringify(model), 'model.json');
  assert.ok(opened.ok, JSON.stringify(opened));
  const dW = await s.api('inspect', 1, 'L', 'W', -1);
  assert.equal(dW.error, undefined, JSON.stringify(dW));
  // (sigmoid(z) - y) x averaged over the minibatch: 6 along x. Along y the link's 16-bit point quantisation
  // puts y = 0 at 9.2e-5, so that entry is 9.2e-5 (still the true value); before, the page showed [0, 0].
  assert.equal(dW.values[0], 6);
  assert.ok(Math.abs(dW.values[1]) < 1e-4, `dL/dW[0,1] ${dW.values[1]}`);
  const db = await s.api('inspect', 1, 'L', 'b', -1);
  assert.equal(Math.abs(db.values[0]), 1, 'sigmoid(z) - y = +-1');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('with L2 the page shows dL/dW = data term + penalty term, the gradient training applies', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'v=1&model=linreg&data=line&batch=1&reg=l2&rate=1' });
  const dW = await s.api('inspect', 1, 'L', 'W', 0);
  assert.equal(dW.values.length, 1);
  assert.ok(Math.abs(dW.values[0] - -43.74118) < 1e-4, `dW ${dW.values[0]}`);  // bprop export's dW for this link
  assert.ok(Math.abs(dW.data_term[0] - -43.17658) < 1e-4, `data term ${dW.data_term[0]}`);
  const W = JSON.parse(await s.api('exportText', 'model')).layers[0].W[0][0];
  assert.equal(dW.penalty_term[0], W, 'lambda W with lambda = 1');
  assert.deepEqual(s.problems(), []);
  await s.close();
});
