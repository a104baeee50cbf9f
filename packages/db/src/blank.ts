// What "blank" means for a task name, defined once. The database check (src/schema.ts) and the
// forms' validation (@repo/tasks) are both built from BLANK_RANGES, so they cannot disagree.
//
// Blank is any Unicode White_Space character, any Default_Ignorable_Code_Point (zero-width
// spaces, joiners, variation selectors, Hangul fillers, tags) and the remaining invisible
// format characters (general category Cf). Left out: Cf characters that draw a visible mark
// (Prepended_Concatenation_Mark, e.g. U+0600 ARABIC NUMBER SIGN).
//
// The list is literal rather than computed from the runtime's Unicode tables, so the migration
// it produces does not change when Node updates its Unicode version.

/** Inclusive code point ranges, as of Unicode 17. */
export const BLANK_RANGES: readonly (readonly [number, number])[] = [
  [0x0009, 0x000d], // tab, line feed, vertical tab, form feed, carriage return
  [0x0020, 0x0020], // space
  [0x0085, 0x0085], // next line
  [0x00a0, 0x00a0], // no-break space
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul choseong and jungseong fillers
  [0x1680, 0x1680], // Ogham space mark
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180b, 0x180f], // Mongolian variation selectors and vowel separator
  [0x2000, 0x200f], // en quad … hair space, zero-width space/joiners, direction marks
  [0x2028, 0x202f], // line and paragraph separators, bidi embeddings, narrow no-break space
  [0x205f, 0x206f], // medium math space, word joiner, invisible operators, bidi isolates
  [0x3000, 0x3000], // ideographic space
  [0x3164, 0x3164], // Hangul filler
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // zero-width no-break space (byte order mark)
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0xfff0, 0xfffb], // unassigned ignorables, interlinear annotation controls
  [0x13430, 0x1343f], // Egyptian hieroglyph format controls
  [0x1bca0, 0x1bca3], // shorthand format controls
  [0x1d173, 0x1d17a], // musical symbol format controls
  [0xe0000, 0xe0fff], // tags and variation selectors supplement
]

const hex = (codePoint: number) => codePoint.toString(16).padStart(4, '0')

/** The bracket expression's contents for a JavaScript `u` regex. */
const jsClass = BLANK_RANGES.map(([from, to]) =>
  from === to ? `\\u{${hex(from)}}` : `\\u{${hex(from)}}-\\u{${hex(to)}}`,
).join('')

/** The same class for a PostgreSQL regex (ARE escapes \uXXXX and \UXXXXXXXX). */
const sqlEscape = (codePoint: number) =>
  codePoint > 0xffff ? `\\U${codePoint.toString(16).padStart(8, '0')}` : `\\u${hex(codePoint)}`
const sqlClass = BLANK_RANGES.map(([from, to]) =>
  from === to ? sqlEscape(from) : `${sqlEscape(from)}-${sqlEscape(to)}`,
).join('')

/** A PostgreSQL regex that matches a blank string (including the empty string). */
export const BLANK_SQL_PATTERN = `^[${sqlClass}]*$`

const blankOnly = new RegExp(`^[${jsClass}]*$`, 'u')
const blankEnds = new RegExp(`^[${jsClass}]+|[${jsClass}]+$`, 'gu')

/** True when the text has no character other than blank ones. */
export const isBlank = (text: string): boolean => blankOnly.test(text)

/** The text without blank characters at either end. */
export const trimBlank = (text: string): string => text.replace(blankEnds, '')
