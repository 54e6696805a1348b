// @ts-check
'use strict';

/**
 * The request fields beyond input, tools and output: safety settings, labels, tool choice, speech,
 * image and audio formats, Google Maps, and the set of fields the service knows at all. Field names
 * and values follow @google/genai 3.1.0's Interactions types (the wire reference §3.2–3.5); the label
 * rules are the SDK's `labels` doc; unknown fields get Google's `parameter_unknown` (API errors page).
 */

const { ApiError, invalidRequest } = require('./errors');
const { isObject } = require('./content');

const TOP_LEVEL_FIELDS = new Set([
  'model', 'agent', 'input', 'previous_interaction_id', 'system_instruction', 'tools', 'generation_config',
  'response_format', 'response_mime_type', 'response_modalities', 'safety_settings', 'labels', 'service_tier',
  'stream', 'background', 'store', 'environment', 'agent_config', 'webhook_config', 'continuation_token',
  'cached_content',
]);
const GENERATION_CONFIG_FIELDS = new Set([
  'temperature', 'top_p', 'top_k', 'max_output_tokens', 'stop_sequences', 'seed', 'thinking_level',
  'thinking_summaries', 'tool_choice', 'speech_config', 'image_config', 'transcription_config', 'video_config',
]);
const HARM_CATEGORIES = [
  'hate_speech', 'dangerous_content', 'harassment', 'sexually_explicit', 'civic_integrity', 'image_hate',
  'image_dangerous_content', 'image_harassment', 'image_sexually_explicit', 'jailbreak',
];
/** Thresholds from the strictest; `block_none` and `off` block nothing. */
const THRESHOLDS = ['block_low_and_above', 'block_medium_and_above', 'block_only_high', 'block_none', 'off'];
const METHODS = ['severity', 'probability'];
const TOOL_CHOICE_MODES = ['auto', 'any', 'none', 'validated'];
const ASPECT_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9', '1:8', '8:1', '1:4', '4:1'];
const IMAGE_SIZES = ['512', '1K', '2K', '4K'];
const AUDIO_MIME_TYPES = ['audio/mp3', 'audio/ogg_opus', 'audio/l16', 'audio/wav', 'audio/alaw', 'audio/mulaw'];
/** The prebuilt voices of Gemini's speech generation documentation. */
const VOICES = [
  'Zephyr', 'Puck', 'Charon', 'Kore', 'Fenrir', 'Leda', 'Orus', 'Aoede', 'Callirrhoe', 'Autonoe', 'Enceladus',
  'Iapetus', 'Umbriel', 'Algieba', 'Despina', 'Erinome', 'Algenib', 'Rasalgethi', 'Laomedeia', 'Achernar',
  'Alnilam', 'Schedar', 'Gacrux', 'Pulcherrima', 'Achird', 'Zubenelgenubi', 'Vindemiatrix', 'Sadachbia',
  'Sadaltager', 'Sulafat',
];
const LABEL_KEY = /^\p{Ll}[\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** Speech-only models: they answer with audio and nothing else. */
const TTS_MODELS = new Set(['gemini-3.1-flash-tts-preview']);

/** @param {string} name @param {string} [where] */
const unknownField = (name, where) =>
  new ApiError(400, `Invalid JSON payload received. Unknown name "${name}"${where ? ` at '${where}'` : ''}: Cannot find field.`, {
    code: 'parameter_unknown',
  });

/** Google's proto error for a value outside an enum. @param {string} path @param {unknown} value @param {string[]} allowed */
const invalidValue = (path, value, allowed) =>
  invalidRequest(`Invalid value at '${path}', ${JSON.stringify(value)}: must be one of ${allowed.join(', ')}.`);

/** @param {any} body */
function checkKnownFields(body) {
  for (const key of Object.keys(body)) if (!TOP_LEVEL_FIELDS.has(key)) throw unknownField(key);
  if (isObject(body.generation_config)) {
    for (const key of Object.keys(body.generation_config)) {
      if (!GENERATION_CONFIG_FIELDS.has(key)) throw unknownField(key, 'generation_config');
    }
  }
}

/** @param {any} settings */
function checkSafetySettings(settings) {
  if (settings === undefined) return;
  if (!Array.isArray(settings)) throw invalidRequest('safety_settings must be a list.');
  settings.forEach((/** @type {any} */ setting, /** @type {number} */ i) => {
    const path = `safety_settings[${i}]`;
    if (!isObject(setting)) throw invalidRequest(`${path} must be an object.`);
    for (const key of Object.keys(setting)) if (!['type', 'threshold', 'method'].includes(key)) throw unknownField(key, path);
    if (!HARM_CATEGORIES.includes(setting.type)) throw invalidValue(`${path}.type`, setting.type, HARM_CATEGORIES);
    if (!THRESHOLDS.includes(setting.threshold)) throw invalidValue(`${path}.threshold`, setting.threshold, THRESHOLDS);
    if (setting.method !== undefined && !METHODS.includes(setting.method)) throw invalidValue(`${path}.method`, setting.method, METHODS);
  });
}

/** @param {any} labels */
function checkLabels(labels) {
  if (labels === undefined) return;
  if (!isObject(labels)) throw invalidRequest('labels must be a map of strings.');
  const entries = Object.entries(labels);
  if (entries.length > 64) throw invalidRequest(`labels has ${entries.length} entries; at most 64 are allowed.`);
  for (const [key, value] of entries) {
    if (!LABEL_KEY.test(key)) {
      throw invalidRequest(`Label key "${key}" is invalid: keys start with a lowercase letter and hold at most 63 lowercase letters, digits, underscores and dashes.`);
    }
    if (typeof value !== 'string' || !LABEL_VALUE.test(value)) {
      throw invalidRequest(`Label value ${JSON.stringify(value)} of "${key}" is invalid: values hold at most 63 lowercase letters, digits, underscores and dashes.`);
    }
  }
}

/** @param {any} choice @param {any[]} tools */
function checkToolChoice(choice, tools) {
  if (choice === undefined) return;
  const functions = tools.filter((t) => t?.type === 'function').map((t) => t.name);
  const mode = typeof choice === 'string' ? choice : choice?.allowed_tools?.mode;
  if (typeof choice === 'string') {
    if (!TOOL_CHOICE_MODES.includes(choice)) throw invalidValue('generation_config.tool_choice', choice, TOOL_CHOICE_MODES);
  } else {
    if (!isObject(choice) || !isObject(choice.allowed_tools)) {
      throw invalidRequest('generation_config.tool_choice must be a mode or {"allowed_tools": {"mode", "tools"}}.');
    }
    for (const key of Object.keys(choice)) if (key !== 'allowed_tools') throw unknownField(key, 'generation_config.tool_choice');
    if (mode !== undefined && !TOOL_CHOICE_MODES.includes(mode)) {
      throw invalidValue('generation_config.tool_choice.allowed_tools.mode', mode, TOOL_CHOICE_MODES);
    }
    const names = choice.allowed_tools.tools ?? [];
    if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) {
      throw invalidRequest('generation_config.tool_choice.allowed_tools.tools must be a list of function names.');
    }
    const unknown = names.find((n) => !functions.includes(n));
    if (unknown !== undefined) throw invalidRequest(`Allowed tool "${unknown}" is not declared in tools.`);
  }
  if ((mode === 'any' || mode === 'validated') && !tools.length) {
    throw invalidRequest(`Tool choice "${mode}" is set without any tools.`);
  }
}

/** @param {any} config */
function checkSpeechConfig(config) {
  if (config === undefined) return;
  const speakers = Array.isArray(config) ? config : isObject(config) ? config.speakers ?? [] : undefined;
  if (!Array.isArray(speakers)) throw invalidRequest('generation_config.speech_config must be a list of speaker configs.');
  speakers.forEach((/** @type {any} */ speaker, /** @type {number} */ i) => {
    const path = `generation_config.speech_config[${i}]`;
    if (!isObject(speaker)) throw invalidRequest(`${path} must be an object.`);
    for (const key of Object.keys(speaker)) if (!['speaker', 'voice', 'language'].includes(key)) throw unknownField(key, path);
    if (speaker.voice !== undefined && !VOICES.includes(speaker.voice)) throw invalidRequest(`Voice "${speaker.voice}" is not supported.`);
    if (speaker.language !== undefined && (typeof speaker.language !== 'string' || !LANGUAGE.test(speaker.language))) {
      throw invalidRequest(`${path}.language ${JSON.stringify(speaker.language)} is not a language code.`);
    }
  });
}

/** @param {any[]} formats */
function checkMediaFormats(formats) {
  formats.forEach((f, i) => {
    const path = `response_format${formats.length > 1 ? `[${i}]` : ''}`;
    if (f.type === 'image') {
      if (f.aspect_ratio !== undefined && !ASPECT_RATIOS.includes(f.aspect_ratio)) throw invalidValue(`${path}.aspect_ratio`, f.aspect_ratio, ASPECT_RATIOS);
      if (f.image_size !== undefined && !IMAGE_SIZES.includes(f.image_size)) throw invalidValue(`${path}.image_size`, f.image_size, IMAGE_SIZES);
    }
    if (f.type === 'audio') {
      if (f.mime_type !== undefined && !AUDIO_MIME_TYPES.includes(f.mime_type)) throw invalidValue(`${path}.mime_type`, f.mime_type, AUDIO_MIME_TYPES);
      for (const key of ['sample_rate', 'bit_rate']) {
        if (f[key] !== undefined && !(Number.isInteger(f[key]) && f[key] > 0)) throw invalidRequest(`${path}.${key} must be a positive integer.`);
      }
    }
  });
}

/** @param {any[]} tools */
function checkGoogleMaps(tools) {
  for (const tool of tools.filter((t) => t?.type === 'google_maps')) {
    for (const [key, limit] of /** @type {const} */ ([['latitude', 90], ['longitude', 180]])) {
      const value = tool[key];
      if (value !== undefined && !(typeof value === 'number' && Math.abs(value) <= limit)) {
        throw invalidRequest(`tools[].${key} must be a number between -${limit} and ${limit}.`);
      }
    }
    if ((tool.latitude === undefined) !== (tool.longitude === undefined)) {
      throw invalidRequest('Google Maps needs both latitude and longitude, or neither.');
    }
    if (tool.enable_widget !== undefined && typeof tool.enable_widget !== 'boolean') throw invalidRequest('tools[].enable_widget must be a boolean.');
  }
}

/**
 * @param {any} body
 * @param {any[]} formats the request's response_format entries
 */
function validateRequestOptions(body, formats) {
  checkKnownFields(body);
  checkSafetySettings(body.safety_settings);
  checkLabels(body.labels);
  const tools = Array.isArray(body.tools) ? body.tools : [];
  checkToolChoice(body.generation_config?.tool_choice, tools);
  checkSpeechConfig(body.generation_config?.speech_config);
  checkMediaFormats(formats);
  checkGoogleMaps(tools);
  if (TTS_MODELS.has(body.model) && !(formats.length && formats.every((f) => f.type === 'audio'))) {
    throw invalidRequest(`Model ${body.model} only answers with audio: set response_format to {"type": "audio"}.`);
  }
}

const LEVELS = ['low', 'medium', 'high'];

/**
 * `#blocked:<category>[:<low|medium|high>]` in the user text: content of that category at that
 * likelihood (default medium). The request's threshold for the category (default
 * block_medium_and_above) decides whether the answer is withheld.
 * @param {any} body @param {string} text
 * @returns {{ code: string, message: string } | undefined}
 */
function safetyBlock(body, text) {
  const magic = /#blocked:([a-z_]+)(?::(low|medium|high))?/.exec(text);
  if (!magic || !HARM_CATEGORIES.includes(magic[1])) return undefined;
  const [, category, level = 'medium'] = magic;
  const setting = (Array.isArray(body.safety_settings) ? body.safety_settings : []).find((/** @type {any} */ s) => s.type === category);
  const threshold = setting?.threshold ?? 'block_medium_and_above';
  const blocksFrom = { block_low_and_above: 0, block_medium_and_above: 1, block_only_high: 2 }[/** @type {string} */ (threshold)];
  if (blocksFrom === undefined || LEVELS.indexOf(level) < blocksFrom) return undefined;
  return { code: 'safety', message: `The response was blocked for safety reasons: ${category} (${level} probability).` };
}

module.exports = { validateRequestOptions, safetyBlock, TTS_MODELS, VOICES };
