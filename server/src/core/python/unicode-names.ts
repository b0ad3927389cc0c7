// `\N{name}` escapes. JavaScript has no Unicode name database, so this knows the names that turn up
// in SQL strings (punctuation, spaces, typographic quotes and dashes, control characters, ASCII
// letters and digits). A name it does not know makes the string unknown rather than wrongly decoded.

const NAMED: Record<string, number> = {
  'SPACE': 0x20, 'NO-BREAK SPACE': 0xa0, 'NBSP': 0xa0, 'THIN SPACE': 0x2009, 'NARROW NO-BREAK SPACE': 0x202f,
  'ZERO WIDTH SPACE': 0x200b, 'ZWSP': 0x200b, 'ZERO WIDTH JOINER': 0x200d, 'ZWJ': 0x200d,
  'ZERO WIDTH NON-JOINER': 0x200c, 'ZWNJ': 0x200c, 'ZERO WIDTH NO-BREAK SPACE': 0xfeff, 'BYTE ORDER MARK': 0xfeff,
  'LINE FEED': 0x0a, 'LF': 0x0a, 'NEW LINE': 0x0a, 'EOL': 0x0a, 'CARRIAGE RETURN': 0x0d, 'CR': 0x0d,
  'CHARACTER TABULATION': 0x09, 'TAB': 0x09, 'LINE TABULATION': 0x0b, 'VT': 0x0b, 'FORM FEED': 0x0c, 'FF': 0x0c,
  'NULL': 0x00, 'NUL': 0x00, 'BACKSPACE': 0x08, 'BS': 0x08, 'ALERT': 0x07, 'BEL': 0x07, 'ESCAPE': 0x1b, 'ESC': 0x1b,
  'DELETE': 0x7f, 'DEL': 0x7f, 'NEXT LINE': 0x85, 'NEL': 0x85, 'LINE SEPARATOR': 0x2028, 'PARAGRAPH SEPARATOR': 0x2029,
  'EXCLAMATION MARK': 0x21, 'QUOTATION MARK': 0x22, 'NUMBER SIGN': 0x23, 'DOLLAR SIGN': 0x24, 'PERCENT SIGN': 0x25,
  'AMPERSAND': 0x26, 'APOSTROPHE': 0x27, 'LEFT PARENTHESIS': 0x28, 'RIGHT PARENTHESIS': 0x29, 'ASTERISK': 0x2a,
  'PLUS SIGN': 0x2b, 'COMMA': 0x2c, 'HYPHEN-MINUS': 0x2d, 'FULL STOP': 0x2e, 'SOLIDUS': 0x2f, 'COLON': 0x3a,
  'SEMICOLON': 0x3b, 'LESS-THAN SIGN': 0x3c, 'EQUALS SIGN': 0x3d, 'GREATER-THAN SIGN': 0x3e, 'QUESTION MARK': 0x3f,
  'COMMERCIAL AT': 0x40, 'LEFT SQUARE BRACKET': 0x5b, 'REVERSE SOLIDUS': 0x5c, 'RIGHT SQUARE BRACKET': 0x5d,
  'CIRCUMFLEX ACCENT': 0x5e, 'LOW LINE': 0x5f, 'GRAVE ACCENT': 0x60, 'LEFT CURLY BRACKET': 0x7b, 'VERTICAL LINE': 0x7c,
  'RIGHT CURLY BRACKET': 0x7d, 'TILDE': 0x7e,
  'EN DASH': 0x2013, 'EM DASH': 0x2014, 'BULLET': 0x2022, 'HORIZONTAL ELLIPSIS': 0x2026, 'MIDDLE DOT': 0xb7,
  'LEFT SINGLE QUOTATION MARK': 0x2018, 'RIGHT SINGLE QUOTATION MARK': 0x2019,
  'LEFT DOUBLE QUOTATION MARK': 0x201c, 'RIGHT DOUBLE QUOTATION MARK': 0x201d,
  'DEGREE SIGN': 0xb0, 'EURO SIGN': 0x20ac, 'POUND SIGN': 0xa3, 'YEN SIGN': 0xa5, 'CENT SIGN': 0xa2,
  'COPYRIGHT SIGN': 0xa9, 'REGISTERED SIGN': 0xae, 'TRADE MARK SIGN': 0x2122, 'SECTION SIGN': 0xa7, 'PILCROW SIGN': 0xb6,
  'MULTIPLICATION SIGN': 0xd7, 'DIVISION SIGN': 0xf7, 'PLUS-MINUS SIGN': 0xb1, 'MICRO SIGN': 0xb5,
  'RIGHTWARDS ARROW': 0x2192, 'CHECK MARK': 0x2713, 'REPLACEMENT CHARACTER': 0xfffd,
};

const DIGITS = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];

/** The character a `\N{name}` escape produces, or undefined when the name is not known here. Case-insensitive, like Python. */
export function lookupUnicodeName(name: string): string | undefined {
  const upper = name.toUpperCase();
  const code = NAMED[upper];
  if (code !== undefined) return String.fromCodePoint(code);
  const letter = /^LATIN (SMALL|CAPITAL) LETTER ([A-Z])$/.exec(upper);
  if (letter) return letter[1] === 'SMALL' ? letter[2]!.toLowerCase() : letter[2]!;
  const digit = /^DIGIT ([A-Z]+)$/.exec(upper);
  if (digit) {
    const index = DIGITS.indexOf(digit[1]!);
    if (index >= 0) return String(index);
  }
  return undefined;
}
