// web/glue.js: the page's JavaScript, between the HTML shell and the WebAssembly program (playground.js).
// 1. Checks for WebAssembly and WebGL 2 and, when one is missing, shows a message instead of the canvas
//    (before anything large is downloaded).
// 2. Sets up Emscripten's `Module` (canvas, output, start-up and failure hooks), then loads playground.js.
// 3. Forwards browser events the C++ side cannot see itself: `hashchange` (the user edits the address),
//    `paste` (Emscripten's GLFW has no clipboard) and dropped files; turns one finger into the mouse (its GLFW
//    mishandles touch); shows the "graphics were reset" message while the WebGL context is lost (the C++ side
//    pauses, and redraws everything once it is restored).
// 4. Wakes the page: an idle page (paused, nothing moving) stops drawing; every input event, a resize, a change
//    of devicePixelRatio or colour scheme, and every JS API call but getGraphics() make it draw again.
// 5. Defines `window.playground`, the JS API (used by the browser tests, and handy from the console).
// No framework, no inline code (the page's Content-Security-Policy forbids it), no request to another host.
'use strict';

(function () {
  const canvas = document.getElementById('canvas');
  const status = document.getElementById('status');

  /** Shows `text` instead of the canvas. */
  function showUnsupported(text) {
    canvas.classList.add('hidden');
    status.hidden = true;
    document.getElementById('unsupported-reason').textContent = text;
    document.getElementById('unsupported').hidden = false;
  }

  function missingFeature() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      return 'This browser has no WebAssembly.';
    }
    let gl = null;
    try {
      gl = document.createElement('canvas').getContext('webgl2');
    } catch (e) {
      gl = null;
    }
    if (!gl) return 'This browser could not create a WebGL 2 context.';
    const lose = gl.getExtension('WEBGL_lose_context');  // free the probe's context right away
    if (lose) lose.loseContext();
    return null;
  }

  /**
   * Touch: Emscripten 3.1.6's GLFW presses the button on `touchstart` at the last *mouse* position (it reads no
   * touch coordinates), so a tap clicked where the previous tap had been, and a dragging finger never moved
   * the pointer. Instead one finger acts as the mouse: it moves where it lands, presses a frame later (ImGui's
   * tabs take a click only over a widget hovered the frame before), moves, releases where it lifts, then the
   * pointer goes off the canvas (no hover or tooltip stays behind). The events keep their order in one chain.
   * preventDefault keeps the browser from adding its own mouse events, scrolling or zooming. Capturing on
   * window runs before GLFW's listeners on the canvas.
   */
  function forwardTouchAsMouse() {
    let finger = null;  // the identifier of the touch that is the mouse
    let chain = Promise.resolve();
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const send = (types, t) => types.forEach((type) => canvas.dispatchEvent(new MouseEvent(type, {
      bubbles: true, cancelable: true, button: 0,
      buttons: type === 'mousedown' || type === 'mousemove' ? 1 : 0,
      clientX: t.clientX, clientY: t.clientY, screenX: t.screenX, screenY: t.screenY,
    })));
    const ours = (list) => Array.from(list).find((t) => t.identifier === finger);
    const handlers = {
      touchstart(e) {
        if (finger !== null) return;  // a second finger is ignored (no pinch)
        const t = e.changedTouches[0];
        finger = t.identifier;
        chain = chain.then(() => send(['mousemove'], t)).then(nextFrame).then(() => send(['mousedown'], t));
      },
      touchmove(e) {
        const t = ours(e.changedTouches);
        if (t) chain = chain.then(() => send(['mousemove'], t));
      },
      touchend(e) {
        const t = ours(e.changedTouches);
        if (!t) return;
        finger = null;
        // Then the pointer moves off the canvas: ImGui's GLFW backend re-reads the last position every frame on
        // the web, so a mouseleave would not stick.
        const away = { clientX: -1e4, clientY: -1e4, screenX: -1e4, screenY: -1e4 };
        chain = chain.then(() => { send(['mousemove', 'mouseup'], t); send(['mousemove'], away); });
      },
    };
    handlers.touchcancel = handlers.touchend;
    for (const [type, handle] of Object.entries(handlers)) {
      window.addEventListener(type, (e) => {
        if (e.target !== canvas) return;
        e.stopPropagation();
        e.preventDefault();
        handle(e);
      }, { capture: true, passive: false });
    }
  }

  /** Makes the page draw again for a while (it stops drawing when nothing moves); a no-op before it runs. */
  function wake() {
    if (window.Module && Module._pg_wake) Module._pg_wake();
  }

  /**
   * Wakes the page on whatever could change what it shows: input (listened to on window, in the capture phase,
   * before Emscripten's GLFW sees it), focus, a resize, the tab coming back, and media changes no event reports
   * otherwise (devicePixelRatio: a window moved to another monitor; the system's colour scheme).
   */
  function wakeOnEvents() {
    const events = ['mousemove', 'mousedown', 'mouseup', 'mouseenter', 'mouseleave', 'wheel', 'keydown', 'keyup', 'keypress',
      'touchstart', 'touchmove', 'touchend', 'touchcancel', 'pointerdown', 'pointerup', 'pointermove', 'dragover', 'drop',
      'focus', 'blur', 'resize'];
    for (const type of events) window.addEventListener(type, wake, { capture: true, passive: true });
    document.addEventListener('visibilitychange', wake);
    if (!window.matchMedia) return;
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', wake);
    const watchRatio = () => {  // a query per ratio: it changes once when the ratio does, then is replaced
      matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener('change', () => {
        wake();
        watchRatio();
      }, { once: true });
    };
    watchRatio();
  }

  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {});  // a page nobody awaits must not log an unhandled rejection

  // --- Calls into C++ (the extern "C" functions of src/platform/web.cpp). JSON arrives as text. ---
  // String arguments go through malloc, not ccall's 'string' type: that copies them onto the 5 MB wasm stack
  // (4 bytes per character), which a pasted or dropped file of a megabyte or more would overflow.
  // Every call but pg_get_graphics wakes the page, so that what it changed is drawn (getGraphics observes
  // whether the page draws, and must not make it draw).
  function call(name, ret, types = [], args = []) {
    if (name !== 'pg_get_graphics') wake();
    const owned = [];
    try {
      const values = args.map((a, i) => {
        if (types[i] !== 'string') return a;
        const n = Module.lengthBytesUTF8(a) + 1, p = Module._malloc(n);
        if (!p) throw new Error(`out of memory for ${n} bytes of text`);
        owned.push(p);
        Module.stringToUTF8(a, p, n);
        return p;
      });
      return Module.ccall(name, ret, types.map((t) => (t === 'string' ? 'number' : t)), values);
    } finally {
      owned.forEach((p) => Module._free(p));
    }
  }
  const callJson = (name, types, args) => JSON.parse(call(name, 'string', types, args));

  /**
   * The JS API of the page. Every method except `ready` needs the program running: `await playground.ready`.
   * Rectangles are in CSS pixels of the page (what mouse events and Playwright use).
   */
  const playground = {
    /** @type {Promise<void>} Resolves once the first frame is drawn; rejects if the page cannot run. */
    ready,
    /** @type {number|null} performance.now() when the first frame was drawn. */
    firstFrameTime: null,

    /** @returns {string} The current state as a link fragment (no '#'), e.g. "v=1&model=mlp&...&step=0". */
    getLink() { return call('pg_get_link', 'string'); },

    /**
     * Applies a link fragment (or a whole URL) as opening it would: decodes it, rebuilds the network and data,
     * replays its step count. Never throws for bad input: it gives defaults plus warnings.
     * @param {string} link
     * @returns {{warnings: string[]}}
     */
    applyLink(link) { return callJson('pg_apply_link', ['string'], [String(link)]); },

    /** @returns {object} Metrics of the current weights (train_loss, test_loss, accuracies, step...; null for non-finite). */
    getMetrics() { return callJson('pg_get_metrics'); },

    /** @returns {object} The current weights and biases. */
    getWeights() { return callJson('pg_get_weights'); },

    /** Starts training (every frame, as many steps as the frame's time budget and the speed allow). */
    play() { call('pg_set_playing', null, ['number'], [1]); },

    /** Stops training. */
    pause() { call('pg_set_playing', null, ['number'], [0]); },

    /** @returns {boolean} Whether training runs every frame. */
    isPlaying() { return call('pg_is_playing', 'number') !== 0; },

    /**
     * Runs `n` training steps (minibatches) now.
     * @param {number} n
     * @returns {number} How many steps ran (fewer than n if training stopped, e.g. diverged).
     */
    step(n) { return call('pg_step', 'number', ['number'], [Math.max(0, Math.floor(n))]); },

    /**
     * Undoes the last change of settings, points or Reset (as Ctrl+Z): the settings, the step and the run as
     * they were (a run the change reset is replayed to its step, bit for bit). Training pauses.
     * @returns {boolean} false when there was nothing to undo
     */
    undo() { return call('pg_undo', 'number') !== 0; },

    /** Redoes what undo() undid (as Ctrl+Shift+Z). @returns {boolean} false when there was nothing to redo */
    redo() { return call('pg_redo', 'number') !== 0; },

    /**
     * The loss chart's points: rows recorded at step 0 and every multiple of a stride (the same steps however
     * the run was trained, so a step=N link gives the sender's chart), then the current step when newer.
     * @returns {{step: number, train_loss: number|null, test_loss: number|null, train_accuracy: number|null,
     *   test_accuracy: number|null, penalty: number|null}[]}
     */
    getLossHistory() { return callJson('pg_get_loss_history'); },

    /**
     * Where the named widgets were drawn in the last frame, in CSS pixels of the page: only what that frame
     * drew (a closed window's widgets are not listed).
     * @returns {Object<string, number[]>} {name: [x0, y0, x1, y1]}
     */
    getUiRects() {
      const rects = callJson('pg_get_ui_rects');
      // C++ reports device pixels of the backing store; this is the inverse of the mapping Emscripten's GLFW
      // applies to mouse events (CSS offset, then canvas.width / CSS width), i.e. a division by devicePixelRatio.
      const box = canvas.getBoundingClientRect();
      const sx = box.width / canvas.width, sy = box.height / canvas.height;
      const out = {};
      for (const [name, r] of Object.entries(rects)) {
        out[name] = [box.left + r[0] * sx, box.top + r[1] * sy, box.left + r[2] * sx, box.top + r[3] * sy];
      }
      return out;
    },

    /**
     * Training speed while playing: the most minibatch steps per displayed frame (1..100000). Fewer run when
     * they do not fit in the time the frame leaves for training (getGraphics().budget), so the page keeps
     * drawing at the display's rate; the steps are the same steps whatever their grouping into frames.
     * @returns {number} the value set
     */
    setSpeed(stepsPerFrame) { return call('pg_set_speed', 'number', ['number'], [Math.floor(stepsPerFrame)]); },

    /**
     * The Jacobian inspector's state: open, tab (0 matrices, 1 chain rule, 2 gradient check, 3 stepper), layer,
     * kind (matrix index), sample, live, symlog, the shapes of its panes, the last hovered cell
     * (hover: {pane, row, col, value, row_label, col_label}: the names its tooltip gives), the gradient check's max relative error and the chain's difference
     * from backprop; each pane's zoomed `view` [c0, r0, c1, r1] (fractions of its columns and rows), whether
     * it is `maximised`, and the stepper's op on the network (`stepper_layer`, -1 when off; `stepper_caption`).
     * @returns {Object}
     */
    getInspector() { return callJson('pg_get_inspector'); },

    /**
     * The matrix the inspector's pane `pane` (0, 1 or 2) shows now: what its heatmap draws and its hover reads
     * (Matrices: one sample, minibatch; Chain rule: upstream, local, downstream; Gradient check: analytic,
     * numerical, their difference). Entries beyond double's range are the strings 'Infinity' / '-Infinity'.
     * @returns {{rows: number, cols: number, title: string, formula: string, values: number[]}|{error: string}}
     *   values row-major
     */
    getInspectorPane(pane) { return callJson('pg_get_inspector_pane', ['number'], [pane | 0]); },

    /**
     * Sets the inspector (missing keys keep their value), e.g. setInspector({open: true, layer: 1, kind: 4});
     * also `maximised` (true: the whole page) and `split` (0..1: its share of the height under the splitter).
     * @param {Object} state
     */
    setInspector(state) { call('pg_set_inspector', null, ['string'], [JSON.stringify(state)]); },

    /**
     * Opens text as a dropped file would: a link (ours or TensorFlow Playground's), a model JSON, or CSV points.
     * Surrounding white space and a byte-order mark are ignored; text over maxOpenBytes() is refused.
     * A model whose link's step count takes long to replay opens across frames, with progress and Stop (as a
     * link does): the result then has `pending: true`, and getMetrics().notice says when its weights loaded.
     * @returns {{ok: boolean, message: string, pending?: boolean}}
     */
    open(text, name = '') {
      text = String(text);
      if (text.length > playground.maxOpenBytes()) {  // UTF-16 units <= UTF-8 bytes: surely too large, not copied
        call('pg_refuse_open', null, ['string', 'number'], [String(name), text.length]);
        return { ok: false, message: callJson('pg_get_metrics').notice };
      }
      return callJson('pg_open_text', ['string', 'string'], [String(name), text]);
    },

    /** @returns {number} The most bytes of text open(), a paste or a dropped file may have (64 MB). */
    maxOpenBytes() { return call('pg_max_open_bytes', 'number'); },

    /**
     * The WebGL context: lost now (the page shows a message and pauses), how often it was lost, and how many
     * frames were drawn; whether the page is idle (it stopped drawing: nothing moves), whether a timer it set
     * will wake it (a toast's end, a throttled write of the address), and how often it stopped and started again; and the last frame's time budget, in milliseconds: the display's interval, the frame's
     * work besides training (smoothed), training's budget, what training's steps took (with the chart rows they
     * recorded), a step (smoothed), the status's evaluation and the inspector's live rebuild, the steps trained in
     * that frame (and per frame, smoothed), the speed (the cap in steps per frame) and the step the inspector's
     * matrices are of; the last frame's draw list (vertices, indices and draw commands handed to the GPU); and what
     * the network view draws of the links: the strongest `drawn` of each layer's `total` (at most 4,096 in all),
     * and the note it shows when that is not every link. The one call that does not wake an idle page.
     * @returns {{lost: boolean, losses: number, frames: number, idle: boolean, timer: boolean, idles: number, wakes: number,
     *   budget: {display_ms: number, other_ms: number, budget_ms: number, train_ms: number, step_ms: number,
     *   evaluate_ms: number, rebuild_ms: number, steps: number, steps_per_frame: number, speed: number,
     *   inspector_step: number}, draw: {vertices: number, indices: number, commands: number},
     *   network: {links_drawn: number, links_total: number, layers: {drawn: number, total: number}[], note: string}}}
     */
    getGraphics() { return callJson('pg_get_graphics'); },

    /**
     * Makes the page draw again for at least half a second (an idle page draws nothing), as an input does.
     * Every other call of this API does it too.
     */
    wake() { wake(); },

    /**
     * The display: text size (CSS px), theme setting ('system', 'light' or 'dark'), whether the dark theme is in
     * use, the font's size in device pixels, the UI's scale, and the code points of the UI's glyph set the font
     * cannot draw (none).
     * @returns {{text_px: number, theme: string, dark: boolean, font_px: number, scale: number, missing_glyphs: number[]}}
     */
    getDisplay() { return callJson('pg_get_display'); },

    /**
     * Every lesson, in course order, and whether the learner has done it (revealed its answer).
     * @returns {{id: string, title: string, link: string, done: boolean}[]}
     */
    lessons() { return callJson('pg_lessons'); },

    /** The language the page shows: 'en' or 'ko' (set by the link's lang, the browser's language, or "Aa"). */
    language() { return callJson('pg_language').language; },

    /** The active language's string table: {English text: its text in this language} (English: empty). */
    strings() { return callJson('pg_language').strings; },
    /** The runs of text the last frame drew, read back from its draw lists, in drawing order (UTF-8 strings). */
    drawnText() { return callJson('pg_drawn_text'); },
    /** Texts the page has shown with English words left in them since the language was chosen (English: []). */
    untranslated() { return callJson('pg_language').untranslated; },

    /**
     * The loss landscape the inspector's Landscape tab shows: axes (names, values), values[r][c] (L at x[c], y[r]),
     * the current point, L there and its gradient along the axes, the grid's minimum and the trajectory.
     */
    landscape() { return callJson('pg_landscape'); },

    /**
     * The scalar computational graph of one sample of the next minibatch: gates with their op, forward value,
     * local gradients, upstream gradient and downstream gradients, and the order backprop visits them.
     */
    scalarGraph(sample = 0, decompose = false) {
      return callJson('pg_scalar_graph', ['number', 'number'], [sample | 0, decompose ? 1 : 0]);
    },

    /**
     * The total derivative of one quantity on the next minibatch, path by path: of 'W' (W[layer][row,col] over the
     * samples), 'a' (a[layer-1][row] of sample col, over the units of layer) or 'b' (b[layer][row]).
     * @returns {{quantity: string, paths: {label: string, factors: number[], product: number}[], sum: number, backprop: number}}
     */
    paths(of, layer, row, col = 0) {
      return callJson('pg_paths', ['string', 'number', 'number', 'number'], [String(of), layer | 0, row | 0, col | 0]);
    },

    /** ‖∂L/∂W[l]‖ and ‖∂L/∂b[l]‖ of every layer on the next minibatch. */
    gradientNorms() { return callJson('pg_gradient_norms'); },

    /**
     * Opens lesson `id` (its link and the lesson pane; '' closes the pane) and returns it with its words, or null
     * for an unknown id (nothing changes).
     * @returns {{id: string, title: string, link: string, body: string, look: string, question: string, answer: string}|null}
     */
    lesson(id) { return callJson('pg_lesson', ['string'], [String(id)]); },

    /**
     * Sets the text size and theme as the "Aa" menu does, e.g. setDisplay({text_px: 18, theme: 'dark'}); missing
     * keys keep their value. Applied before the next frame, and remembered by the browser (localStorage).
     * @param {{text_px?: number, theme?: string}} display
     */
    setDisplay(display) { call('pg_set_display', null, ['string'], [JSON.stringify(display)]); },

    /**
     * The text the Export menu downloads: 'model' (JSON), 'loss' (CSV), 'data' (CSV) or 'python' (a NumPy script).
     * @returns {string}
     */
    exportText(what) { return call('pg_export', 'string', ['string'], [String(what)]); },

    /**
     * Downloads a file as the Export menu does: 'model', 'loss', 'data', or 'png:<view>' with a view of
     * getUiRects() (boundary, network, loss_chart, heatmap_0..2). Saved after the next frame.
     * @returns {boolean} false for an unknown name or a view not on screen
     */
    download(what) { return call('pg_download', 'number', ['string'], [String(what)]) !== 0; },

    /**
     * One matrix straight from the engine, on the current minibatch: inspect(1, 'z', 'W', 0), or sample -1 for
     * the minibatch form. of: 'z' | 'a' | 'L'; wrt: 'a_prev' | 'W' | 'b' | 'z' | 'a' | 'yhat'.
     * dL/dW with a regularizer also gives its two terms (values = data_term + penalty_term); note explains
     * a factor beyond double's range, whose entries are the strings 'Infinity' / '-Infinity' (JSON has no Inf).
     * @returns {{rows: number, cols: number, title: string, values: number[], note?: string, data_term?: number[],
     *   penalty_term?: number[]}|{error: string}} values row-major
     */
    inspect(layer, of, wrt, sample) {
      return callJson('pg_inspect', ['number', 'string', 'string', 'number'], [layer, String(of), String(wrt), sample]);
    },
  };
  window.playground = playground;

  const reason = missingFeature();
  if (reason) {
    showUnsupported(reason);
    rejectReady(new Error(reason));
    return;
  }

  // --- Emscripten's Module: read by playground.js when it starts. ---
  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.error(text),
    onRuntimeInitialized() {
      forwardTouchAsMouse();
      wakeOnEvents();
      window.addEventListener('hashchange', () => {
        Module.pgWrittenHash = location.hash;  // handed over: the page's next write may replace it (web.cpp)
        call('pg_on_hash_change', null, ['string'], [location.hash]);
      });
      // Ctrl+V: the paste event fires during the keydown, before ImGui handles the key on the next frame.
      // Text over the limit is refused (with a message) before it is copied into the program.
      const maxOpen = playground.maxOpenBytes();
      document.addEventListener('paste', (e) => {
        const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
        if (text.length > maxOpen) {
          call('pg_on_paste', null, ['string'], ['']);
          call('pg_refuse_open', null, ['string', 'number'], ['', text.length]);
          return;
        }
        call('pg_on_paste', null, ['string'], [text]);
      });
      // Drop a file (model JSON, data CSV, or a text file with a link) or dragged text on the page to open it.
      document.addEventListener('dragover', (e) => e.preventDefault());
      document.addEventListener('drop', (e) => {
        e.preventDefault();
        const file = e.dataTransfer && e.dataTransfer.files[0];
        if (!file) {
          const text = e.dataTransfer ? e.dataTransfer.getData('text/plain') : '';
          if (text) playground.open(text, 'the dropped text');
          return;
        }
        if (file.size > maxOpen) {
          call('pg_refuse_open', null, ['string', 'number'], [file.name, file.size]);
          return;
        }
        file.text().then((text) => playground.open(text, file.name));
      });
      document.getElementById('graphics-reload').addEventListener('click', () => location.reload());
    },
    onGraphicsLost() {  // called from C++ when the WebGL context is lost (training is paused, the link written)
      document.getElementById('graphics-lost').hidden = false;
    },
    onGraphicsRestored() {  // called from C++ once a frame is drawn on the restored context
      document.getElementById('graphics-lost').hidden = true;
    },
    onFirstFrame() {  // called from C++ after the first frame is drawn
      playground.firstFrameTime = performance.now();
      status.hidden = true;
      resolveReady();
    },
    onAbort(what) {
      status.textContent = 'Backprop Playground stopped: ' + what;
      status.hidden = false;
      rejectReady(new Error(String(what)));
    },
  };

  const script = document.createElement('script');
  script.src = 'playground.js';
  script.onerror = () => {
    status.textContent = 'Could not load playground.js.';
    rejectReady(new Error('could not load playground.js'));
  };
  document.body.appendChild(script);
})();
