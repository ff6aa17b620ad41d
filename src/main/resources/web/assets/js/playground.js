// The playground (/playground). The server renders the chosen model's form and every model's capabilities as a
// JSON block; this module rebuilds the form when another model is picked, keeps the API key in this tab's
// sessionStorage, and sends each generation straight to the API with the key as its x-api-key header. The key
// never goes anywhere else: no cookie, no form field with a name, no address.

const KEY_STORAGE = 'imagegate.playground.api-key';
const ENDPOINT = '/v1/images/generations';

/** The request fields a 400's `param` can name, with the control to highlight and the label to say. */
const FIELDS = {
  model: { control: 'pg-model', label: 'Model' },
  prompt: { control: 'pg-prompt', label: 'Prompt' },
  size: { control: 'pg-size', label: 'Width × height' },
  aspect_ratio: { control: 'pg-aspect-ratio', label: 'Aspect ratio' },
  n: { control: 'pg-n', label: 'Number of images' },
  quality: { control: 'pg-quality', label: 'Quality' },
  seed: { control: 'pg-seed', label: 'Seed' },
  response_format: { control: 'pg-format-url', label: 'Response format' },
};

const $ = (id) => document.getElementById(id);

const root = $('pg');
if (root) {
  start(root);
}

function start(root) {
  const models = new Map(JSON.parse($('models-data').textContent).map((m) => [m.id, m]));
  const baseUrl = root.dataset.baseUrl;
  const form = $('pg-form');
  const keyInput = $('pg-key');
  const modelSelect = $('pg-model');
  const generateButton = $('pg-generate');
  const status = $('pg-status');
  const errorBox = $('pg-error');
  let busy = false;
  let last = null; // {model, body, seed}: the last request that produced images

  // Without this module the page can only reload with another model's form; with it, the form changes in place.
  $('pg-show').remove();
  generateButton.disabled = false;

  keyInput.value = storedKey();
  keyInput.addEventListener('input', () => {
    storeKey(keyInput.value.trim());
    clearFieldError('key');
  });
  $('pg-forget').addEventListener('click', () => {
    storeKey('');
    keyInput.value = '';
    say('The key is forgotten: this tab no longer keeps it.');
    keyInput.focus();
  });

  modelSelect.addEventListener('change', () => {
    fill(current());
    clearErrors();
    history.replaceState(null, '', '?model=' + encodeURIComponent(current().id));
  });
  // A select reports a choice with `change` (and, in some browsers, `input`); a text field with `input`.
  const edited = (event) => {
    const param = Object.keys(FIELDS).find((p) => FIELDS[p].control === event.target.id);
    if (param) {
      clearFieldError(param);
    }
    showPrice();
  };
  form.addEventListener('input', edited);
  form.addEventListener('change', edited);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    generate();
  });
  $('pg-again').addEventListener('click', () => {
    const seed = $('pg-seed');
    if (seed.disabled) {
      say(current().name + ' takes no seed: pick the model of the last images to use their seed.');
      return;
    }
    seed.value = last.seed;
    generate();
  });
  $('pg-copy').addEventListener('click', () => copyCurl());

  // A restored page (back button, reload) may come back with another model chosen than the one rendered.
  fill(current());

  function current() {
    return models.get(modelSelect.value);
  }

  /** Makes the form offer exactly what the model supports, keeping each value the model also accepts. */
  function fill(model) {
    $('pg-model-note').textContent = model.note;
    $('pg-sandbox').hidden = !model.simulated;
    $('pg-prompt-max').textContent = model.maxPromptChars.toLocaleString('en-US');

    options($('pg-size'), [{ value: '', label: model.defaultSizeLabel },
      ...model.sizes.map((s) => ({ value: s.value, label: s.value }))]);
    toggle('aspect-ratio', model.aspectRatios.length > 0);
    options($('pg-aspect-ratio'), [{ value: '', label: 'None' },
      ...model.aspectRatios.map((r) => ({ value: r.value, label: r.label }))]);

    const n = $('pg-n');
    toggle('n', model.nMax > model.nMin);
    n.min = model.nMin;
    n.max = model.nMax;
    $('pg-n-range').textContent = model.nMin + ' to ' + model.nMax;
    const asked = Number(n.value);
    if (!Number.isInteger(asked) || asked < model.nMin || asked > model.nMax) {
      n.value = model.nMin;
    }

    toggle('quality', model.qualities.length > 0);
    options($('pg-quality'), model.qualities, model.defaultQuality);
    toggle('seed', model.seed);
    showPrice();
  }

  /** Replaces a select's options, keeping its value when still offered, else `fallback`, else the first. */
  function options(select, list, fallback) {
    const kept = select.value;
    select.replaceChildren(...list.map((o) => new Option(o.label, o.value)));
    const values = list.map((o) => o.value);
    select.value = values.includes(kept) ? kept : (values.includes(fallback) ? fallback : (values[0] ?? ''));
  }

  /** A field the model does not support is hidden and disabled, so it is neither seen nor sent. */
  function toggle(name, supported) {
    $('pg-field-' + name).hidden = !supported;
    $('pg-' + name).disabled = !supported;
  }

  /** The request body the form describes: only the fields that are set and that the model supports. */
  function requestBody(model) {
    const body = { model: model.id, prompt: $('pg-prompt').value };
    const size = $('pg-size');
    const ratio = $('pg-aspect-ratio');
    const n = $('pg-n');
    const quality = $('pg-quality');
    const seed = $('pg-seed');
    if (size.value) {
      body.size = size.value;
    }
    if (!ratio.disabled && ratio.value) {
      body.aspect_ratio = ratio.value;
    }
    if (!n.disabled && n.value !== '' && Number(n.value) !== model.nMin) {
      body.n = Number(n.value);
    }
    if (!quality.disabled && quality.value) {
      body.quality = quality.value;
    }
    if (!seed.disabled && seed.value !== '') {
      body.seed = Number(seed.value);
    }
    if ($('pg-format-b64').checked) {
      body.response_format = 'b64_json';
    }
    return body;
  }

  /** The pixel size the gateway promises for the body: its size, else its ratio's size, else the default. */
  function promisedSize(model, body) {
    return model.sizes.find((s) => s.value === body.size)
      ?? model.aspectRatios.find((r) => r.value === body.aspect_ratio)?.size
      ?? model.defaultSize;
  }

  function showPrice() {
    const model = current();
    const body = requestBody(model);
    const size = promisedSize(model, body);
    const quality = body.quality ?? model.defaultQuality ?? null;
    const row = model.prices.find((p) => p.tier === size.tier && (p.quality ?? null) === quality);
    const n = body.n ?? model.nMin;
    $('pg-price').textContent = !row ? ''
      : 'Price: ' + money(row.micros) + ' per image at ' + size.value + (quality ? ' ' + quality : '')
        + (n > 1 ? ', ' + money(row.micros * n) + ' for ' + n + ' images' : '')
        + '. Only delivered images are charged.';
  }

  async function generate() {
    if (busy) {
      return;
    }
    clearErrors();
    const model = current();
    const key = keyInput.value.trim();
    const body = requestBody(model);
    if (!key) {
      return fieldError('key', 'Paste your API key first.');
    }
    if (!body.prompt.trim()) {
      return fieldError('prompt', 'Enter a prompt: what the image should show.');
    }
    for (const param of ['n', 'seed']) {
      if ($(FIELDS[param].control).validity.badInput) {
        return fieldError(param, FIELDS[param].label + ' must be a whole number.');
      }
    }
    const size = promisedSize(model, body);
    const count = body.n ?? model.nMin;
    setBusy(true);
    say('Generating ' + count + (count === 1 ? ' image' : ' images') + ' with ' + model.name + '…');
    const started = performance.now();
    try {
      const response = await fetch(ENDPOINT, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        // The gateway's other pages may hold session cookies on this origin; the API needs none of them.
        credentials: 'omit',
        cache: 'no-store',
      });
      const json = await response.json().catch(() => null);
      if (!response.ok) {
        say('');
        showApiError(response, json);
        return;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      showResult(model, body, size, response, json);
      say('Done in ' + seconds + ' s: ' + json.data.length + (json.data.length === 1 ? ' image.' : ' images.'));
      // On a phone the result is below the form: bring it up rather than leave the person scrolling for it.
      const result = $('pg-result');
      if (result.getBoundingClientRect().top > window.innerHeight) {
        result.scrollIntoView({ block: 'start' });
      }
    } catch (failure) {
      say('');
      showError('The gateway could not be reached',
        ['Check the connection and try again. If the request did reach the gateway, its request log shows it.']);
    } finally {
      setBusy(false);
    }
  }

  function setBusy(on) {
    busy = on;
    generateButton.disabled = on;
    generateButton.textContent = on ? 'Generating…' : 'Generate';
    $('pg-again').disabled = on;
    $('pg-result').setAttribute('aria-busy', String(on));
  }

  function showResult(model, body, size, response, json) {
    const seed = response.headers.get('x-imagegate-seed');
    const charged = response.headers.get('x-imagegate-charged');
    const requestId = response.headers.get('x-imagegate-request-id') ?? response.headers.get('x-request-id');
    last = { model: model.id, body, seed };
    $('pg-images').replaceChildren(...json.data.map((item, i) => figure(model, body, size, item, i,
      json.data.length, seed === null ? null : Number(seed) + i)));
    $('pg-seed-used').textContent = seed ?? 'not reported';
    $('pg-charged').textContent = charged === null ? 'not reported' : '$' + charged;
    $('pg-request-id').textContent = requestId ?? 'not reported';
    $('pg-asked').textContent = [model.id, size.value, body.quality].filter(Boolean).join(' · ');
    $('pg-again').hidden = seed === null || !model.seed;
    $('pg-curl').hidden = true;
    $('pg-empty').hidden = true;
    $('pg-output').hidden = false;
  }

  /** One image, sized before it loads from the size the gateway promised, so the page does not jump. */
  function figure(model, body, size, item, index, count, seed) {
    const src = item.url ?? 'data:' + model.imageType + ';base64,' + item.b64_json;
    const img = document.createElement('img');
    img.className = 'pg__image';
    img.width = size.width;
    img.height = size.height;
    img.decoding = 'async';
    img.alt = 'Image ' + (index + 1) + ' of ' + count + ' for the prompt “' + body.prompt + '”';
    img.src = src;
    const link = document.createElement('a');
    link.href = src;
    if (item.url) {
      link.textContent = 'Open full size';
      link.target = '_blank';
      link.rel = 'noopener';
    } else {
      link.textContent = 'Download';
      link.download = 'imagegate-' + (seed ?? index) + '.' + model.imageType.replace('image/', '');
    }
    const caption = document.createElement('figcaption');
    caption.append(size.width + ' × ' + size.height + (seed === null ? '' : ' · seed ' + seed) + ' · ', link);
    if (item.revised_prompt && item.revised_prompt !== body.prompt) {
      const revised = document.createElement('span');
      revised.className = 'pg__revised';
      revised.textContent = 'The model rewrote the prompt: “' + item.revised_prompt + '”';
      caption.append(revised);
    }
    const fig = document.createElement('figure');
    fig.className = 'pg__figure';
    fig.append(img, caption);
    const li = document.createElement('li');
    li.append(fig);
    return li;
  }

  /**
   * Every API error with the gateway's own message, under a title that says in plain words what happened and
   * what to do. No error answer is billed: the gateway answers each before money moves, or releases its hold.
   */
  function showApiError(response, json) {
    const error = json?.error ?? {};
    const message = error.message ?? 'The gateway answered ' + response.status + ' without an error message.';
    const field = response.status === 400 ? FIELDS[error.param] : undefined;
    let title;
    let advice = '';
    switch (response.status) {
      case 400:
        title = field ? 'Check the ' + field.label.toLowerCase() : 'The request was refused';
        advice = field ? 'The field is marked in the form.' : '';
        break;
      case 401:
        title = 'Your API key was not accepted';
        advice = 'The key is wrong, or it has been revoked. Paste a current key, or ask your administrator for a'
          + ' new one.';
        break;
      case 402:
        title = 'Your balance is too low: top up your account to go on';
        advice = 'Your administrator can credit it.';
        break;
      case 403:
        title = 'This key may not make this request';
        break;
      case 429: {
        const wait = response.headers.get('retry-after');
        title = wait ? 'Too many requests: try again in ' + wait + (wait === '1' ? ' second' : ' seconds')
          : 'Too many requests: try again shortly';
        break;
      }
      case 451:
        title = 'The prompt was blocked, and not billed';
        advice = 'The upstream’s safety system refused this prompt or its image. Rephrase the prompt and try'
          + ' again.';
        break;
      default:
        title = response.status >= 500 ? 'The model did not deliver' : 'The request was refused';
        advice = response.status >= 500
          ? 'Try again in a moment; if it keeps failing, give your administrator the request id below.' : '';
    }
    if (field) {
      fieldError(error.param, message, false);
    }
    if (response.status === 401) {
      fieldError('key', title + '.', false);
    }
    const requestId = response.headers.get('x-imagegate-request-id') ?? response.headers.get('x-request-id');
    const retryAfter = response.status === 429 && response.headers.get('retry-after');
    showError(title, [message, advice, 'Nothing was charged.'],
      [response.status, error.code, retryAfter && 'Retry-After: ' + retryAfter, requestId]);
  }

  function showError(title, paragraphs, meta = []) {
    const heading = document.createElement('h2');
    heading.className = 'pg__error-title';
    heading.textContent = title;
    const texts = paragraphs.filter(Boolean).map((text) => {
      const p = document.createElement('p');
      p.textContent = text;
      return p;
    });
    const details = meta.filter(Boolean);
    if (details.length) {
      const p = document.createElement('p');
      p.className = 'pg__error-meta';
      p.textContent = details.join(' · ');
      texts.push(p);
    }
    errorBox.replaceChildren(heading, ...texts);
  }

  /** Marks a field as wrong, GOV.UK style: its message above the control, and the control outlined. */
  function fieldError(param, message, focus = true) {
    const name = param.replaceAll('_', '-');
    const control = $(param === 'key' ? 'pg-key' : FIELDS[param].control);
    $('pg-field-' + name).classList.add('pg-field--error');
    $('pg-' + name + '-error').textContent = message;
    control.setAttribute('aria-invalid', 'true');
    if (focus) {
      control.focus();
    }
  }

  function clearFieldError(param) {
    const name = param.replaceAll('_', '-');
    const field = $('pg-field-' + name);
    if (!field || !field.classList.contains('pg-field--error')) {
      return;
    }
    field.classList.remove('pg-field--error');
    $('pg-' + name + '-error').textContent = '';
    field.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
  }

  function clearErrors() {
    ['key', ...Object.keys(FIELDS)].forEach(clearFieldError);
    errorBox.replaceChildren();
  }

  async function copyCurl() {
    if (!last) {
      return;
    }
    const text = curl(baseUrl, last.body);
    const area = $('pg-curl-text');
    area.value = text;
    $('pg-curl').hidden = false;
    try {
      await navigator.clipboard.writeText(text);
      say('The curl command is copied. It reads your key from $IMAGEGATE_API_KEY.');
    } catch (refused) {
      // Clipboard access needs permission the browser may not give; the command is on the page to copy by hand.
      area.focus();
      area.select();
      say('The browser did not let the page copy: the command is selected below, copy it from there.');
    }
  }

  function say(text) {
    status.textContent = text;
  }
}

/** The exact request as a curl command, with the key left to the shell: the real one never goes in. */
function curl(baseUrl, body) {
  const url = baseUrl + ENDPOINT;
  return 'curl -sS ' + shellWord(url) + ' \\\n'
    + '  -H "x-api-key: $IMAGEGATE_API_KEY" \\\n'
    + '  -H "content-type: application/json" \\\n'
    + '  -d ' + shellWord(JSON.stringify(body, null, 2));
}

/** A word the shell reads back exactly: bare when it is plain, else single-quoted. */
function shellWord(text) {
  return /^[A-Za-z0-9_.:\/%+=@-]+$/.test(text) ? text : "'" + text.replaceAll("'", "'\\''") + "'";
}

/** Integer micro-units as dollars, as the API writes amounts: at least two decimals, no trailing zeros. */
function money(micros) {
  const whole = Math.floor(micros / 1e6);
  let fraction = String(micros % 1e6).padStart(6, '0').replace(/0+$/, '');
  return '$' + whole + '.' + fraction.padEnd(2, '0');
}

function storedKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch (unavailable) {
    return '';
  }
}

/** Keeps the key for this tab only; an empty key removes it. Storage may be off: then the key lives in the field. */
function storeKey(key) {
  try {
    if (key) {
      sessionStorage.setItem(KEY_STORAGE, key);
    } else {
      sessionStorage.removeItem(KEY_STORAGE);
    }
  } catch (unavailable) {
    // Nothing to do: the field still holds the key for this page.
  }
}
