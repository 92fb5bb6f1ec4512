//! A one-line text field: the value and a cursor (in characters), edited by messages.

use unicode_width::UnicodeWidthStr;

/// A single-line text input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    /// Cursor position in characters (0 ..= number of characters).
    cursor: usize,
}

impl TextInput {
    /// An input holding `value`, with the cursor at its end.
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        let cursor = value.chars().count();
        TextInput { value, cursor }
    }

    /// The text.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The text without surrounding white space.
    pub fn trimmed(&self) -> &str {
        self.value.trim()
    }

    /// True when the text is empty or only white space.
    pub fn is_blank(&self) -> bool {
        self.value.trim().is_empty()
    }

    /// Cursor position in characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Display width (terminal columns) of the text before the cursor.
    pub fn cursor_width(&self) -> usize {
        let byte = self.byte_at(self.cursor);
        self.value[..byte].width()
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.value
            .char_indices()
            .nth(chars)
            .map(|(i, _)| i)
            .unwrap_or(self.value.len())
    }

    /// Inserts a character at the cursor (control characters are ignored).
    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.value.insert(at, c);
        self.cursor += 1;
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        let at = self.byte_at(self.cursor - 1);
        self.value.remove(at);
        self.cursor -= 1;
    }

    /// Deletes the character under the cursor.
    pub fn delete(&mut self) {
        if self.cursor < self.value.chars().count() {
            let at = self.byte_at(self.cursor);
            self.value.remove(at);
        }
    }

    /// Moves the cursor one character left.
    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    /// Moves the cursor one character right.
    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.value.chars().count());
    }

    /// Moves the cursor to the start.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// Moves the cursor to the end.
    pub fn end(&mut self) {
        self.cursor = self.value.chars().count();
    }

    /// Replaces the text, cursor at the end.
    pub fn set(&mut self, value: impl Into<String>) {
        *self = TextInput::new(value);
    }

    /// Empties the field and returns what it held.
    pub fn take(&mut self) -> String {
        let v = std::mem::take(&mut self.value);
        self.cursor = 0;
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor_with_wide_characters() {
        let mut t = TextInput::new("訓練");
        assert_eq!(t.cursor_width(), 4);
        t.left();
        t.insert('x');
        assert_eq!(t.value(), "訓x練");
        assert_eq!(t.cursor_width(), 3);
        t.backspace();
        t.backspace();
        assert_eq!(t.value(), "練");
        t.backspace();
        assert_eq!(t.value(), "練");
        t.end();
        t.insert('\n');
        assert_eq!(t.value(), "練");
        t.home();
        t.delete();
        assert_eq!(t.take(), "");
    }
}
