// The shapes the WebAssembly bindings answer with (crates/replylint_wasm).

/** A place in the text: the CLI's 1-based line and columns and byte
 * offset, and `utf16`, the offset in UTF-16 code units (a JavaScript string
 * index, a CodeMirror position). */
export interface Place {
  line: number;
  column: number;
  column_utf16: number;
  offset: number;
  utf16: number;
}

export interface Edit {
  start: Place;
  end: Place;
  content: string;
}

export interface Diagnostic {
  rule: string;
  severity: "error" | "warning" | "info";
  message: string;
  help: string | null;
  part?: string;
  start: Place;
  end: Place;
  fix: { applicability: "safe" | "unsafe"; edits: Edit[] } | null;
}

export interface Checked {
  channel: string;
  language: string | null;
  mode: "draft" | "template";
  diagnostics: Diagnostic[];
  errors: { line: number; column: number; message: string; start: Place }[];
}

export interface NonGsm {
  character: string;
  code_point: string;
  position: { line: number; column: number; column_utf16: number; offset: number };
  utf16: number;
}

export interface Counts {
  characters: number;
  code_points: number;
  bytes: number;
  utf16_units: number;
  tweet_weight: number;
  tweet_valid: boolean;
  sms_encoding: "gsm7" | "ucs2";
  sms_units: number;
  sms_parts: number;
  sms_non_gsm: NonGsm[];
  words: number;
  sentences: number;
  lines: number;
  language: { code: string; source: string; confidence: number | null } | null;
}

export interface Channel {
  id: string;
  aliases: string[];
  description: string;
  unit: string;
  max_length: number | null;
  max_segments: number | null;
  builtin: boolean;
}

export interface Options {
  channel?: string;
  lang?: string;
  mode?: "draft" | "template";
  config?: string;
  today?: string;
}
