//! RON parsing with diagnostics that name the file, line, column and what was expected.

use ron::error::Error as RonError;
use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, did_you_mean};
use crate::i18n::diagnostics::{Arg, D, msg};

/// The newest format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// RON options used for every kunren file: `Some(..)` may be omitted around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
}

/// Parses `source` as a `T`, turning any error into one diagnostic with its position.
///
/// A file that parses is read once, without tracking where in the tree the parser is; only a
/// file that fails is parsed again with `serde_path_to_error`, for the path its diagnostic
/// names (the same diagnostic either way: the second parse stops at the same error).
pub fn parse_ron<T: DeserializeOwned>(file: &str, source: &str) -> Result<T, Box<Diagnostic>> {
    let options = ron_options();
    if let Ok(mut de) = ron::Deserializer::from_str_with_options(source, &options)
        && let Ok(v) = T::deserialize(&mut de)
        && de.end().is_ok()
    {
        return Ok(v);
    }
    parse_ron_with_path(file, source, &options)
}

/// [`parse_ron`] of a file that does not parse: the diagnostic, with the path of the value
/// the error is in.
fn parse_ron_with_path<T: DeserializeOwned>(
    file: &str,
    source: &str,
    options: &ron::Options,
) -> Result<T, Box<Diagnostic>> {
    let mut de = match ron::Deserializer::from_str_with_options(source, options) {
        Ok(de) => de,
        Err(e) => return Err(Box::new(from_ron_error(file, &e.code, e.span.start))),
    };
    let value: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    match value {
        Ok(v) => match de.end() {
            Ok(()) => Ok(v),
            Err(code) => {
                let spanned = de.span_error(code);
                Err(Box::new(from_ron_error(
                    file,
                    &spanned.code,
                    spanned.span.start,
                )))
            }
        },
        Err(err) => {
            let path = err.path().to_string();
            let spanned = de.span_error(err.into_inner());
            let mut d = from_ron_error(file, &spanned.code, spanned.span.start);
            let has_path = !path.is_empty() && path != "." && path != "?";
            let wrong_type = matches!(
                spanned.code,
                RonError::ExpectedInteger
                    | RonError::ExpectedFloat
                    | RonError::ExpectedBoolean
                    | RonError::ExpectedString
                    | RonError::ExpectedChar
                    | RonError::ExpectedUnit
                    | RonError::IntegerOutOfBounds
            );
            if has_path && d.code == "K0002" && wrong_type {
                // A value of the wrong type, not broken syntax.
                d.code = "K0006";
                d.message = msg!(wrong_value, path = path, error = spanned.code.to_string());
                d.help = Some(D::wrong_value_help.into());
            } else if has_path {
                d.message = msg!(at_path, msg = d.message, path = path);
            }
            Err(Box::new(d))
        }
    }
}

fn from_ron_error(file: &str, code: &RonError, pos: ron::error::Position) -> Diagnostic {
    let at = (pos.line.max(1), pos.col.max(1));
    let d = match code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let within = outer.as_deref().map_or(Arg::Word(D::this_item), Arg::from);
            let mut d = Diagnostic::error(
                "K0003",
                file,
                msg!(unknown_field, found = found.as_str(), within = within),
            );
            let list = expected.join(", ");
            d = match did_you_mean(found, expected.iter().copied()) {
                Some(s) => d.help(msg!(did_you_mean_fields, s = s, list = list)),
                None => d.help(msg!(valid_fields, list = list)),
            };
            d
        }
        RonError::MissingStructField { field, outer } => Diagnostic::error(
            "K0004",
            file,
            msg!(
                missing_field,
                field = *field,
                within = outer.as_deref().map_or(Arg::Word(D::this_item), Arg::from)
            ),
        )
        .help(msg!(missing_field_help, field = *field)),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let within = outer.as_deref().map_or(Arg::Word(D::this_value), Arg::from);
            let d = Diagnostic::error(
                "K0005",
                file,
                msg!(unknown_variant, found = found.as_str(), within = within),
            );
            let list = expected.join(", ");
            match did_you_mean(found, expected.iter().copied()) {
                Some(s) => d.help(msg!(did_you_mean_variants, s = s, list = list)),
                None => d.help(msg!(expected_one_of, list = list)),
            }
        }
        RonError::InvalidValueForType { expected, found } => Diagnostic::error(
            "K0006",
            file,
            msg!(
                expected_found,
                expected = expected.to_string(),
                found = found.to_string()
            ),
        ),
        RonError::DuplicateStructField { field, .. } => {
            Diagnostic::error("K0006", file, msg!(field_twice, field = *field))
                .help(D::field_twice_help)
        }
        other => Diagnostic::error("K0002", file, msg!(syntax, error = other.to_string()))
            .help(D::syntax_help),
    };
    d.at(at)
}

/// Reads just the `format:` number, to reject newer formats before a confusing type error.
pub fn check_format_version(file: &str, source: &str) -> Result<(), Box<Diagnostic>> {
    let Some(i) = source.find("format:") else {
        return Ok(());
    };
    let rest = source[i + 7..].trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if let Ok(v) = digits.parse::<u32>()
        && v > FORMAT_VERSION
    {
        let at = super::diagnostic::position_of(source, i);
        return Err(Box::new(
            Diagnostic::error(
                "K0007",
                file,
                msg!(newer_format, v = v, current = FORMAT_VERSION),
            )
            .at(at)
            .help(D::newer_format_help),
        ));
    }
    Ok(())
}
