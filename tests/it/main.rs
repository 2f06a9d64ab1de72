//! The integration tests, one crate (`cargo test --test it`): a test binary
//! that links the library once, instead of one per file. Each module is
//! what used to be a file of `tests/`; `common` holds the shared helpers.
//! Rule tests run the command line in-process ([`replylint::app::run_with`]);
//! tests of the command line proper (files, folders, config discovery,
//! colour, signals, `--fix` writing files) run the real binary.
//!
//! `cargo test --test it rule_emoji` runs one module.

mod common;

mod bad_input;
mod cli;
mod compiled_dictionaries;
mod config;
mod config_numbers;
mod count;
mod custom_rules;
mod doc_commands;
mod docs;
mod document_output;
mod editors;
mod fix;
mod formats;
mod init;
mod inputs;
mod lang_eval;
mod layers;
mod library;
mod library_rules;
mod licences;
mod mcp;
mod odd_files;
mod planted_eval;
mod precision;
mod properties;
mod regressions;
mod rendering;
mod rule_blame;
mod rule_credential_request;
mod rule_emoji;
mod rule_exclamation;
mod rule_expired;
mod rule_fixtures;
mod rule_greeting;
mod rule_invalid_character;
mod rule_language;
mod rule_link;
mod rule_markup;
mod rule_max_length;
mod rule_mixed_language;
mod rule_personal_data;
mod rule_placeholder;
mod rule_placeholder_dialects;
mod rule_policy_fact;
mod rule_punctuation_spacing;
mod rule_readability;
mod rule_register;
mod rule_repeated_word;
mod rule_sentence_length;
mod rule_shouting;
mod rule_sign_off;
mod rule_signature;
mod rule_sms_encoding;
mod rule_sms_segments;
mod rule_spelling;
mod rule_subject_length;
mod rule_template_fields;
mod rule_text_speak;
mod rule_whitespace;
mod safety_eval;
mod serve;
mod server;
mod sms;
mod spans;
mod spelling_eval;
mod streaming;
mod suppressions;
mod tweet_conformance;
mod tweet_differential;
