// One table of task names, shared by the database's tests (the tasks_name check) and the forms'
// tests (@repo/tasks validation), so both prove the same rule from src/blank.ts.

export interface BlankNameCase {
  label: string
  name: string
  blank: boolean
}

export const BLANK_NAME_CASES: readonly BlankNameCase[] = [
  { label: 'empty', name: '', blank: true },
  { label: 'spaces', name: '     ', blank: true },
  { label: 'tabs and newlines', name: '\t\n\r\v\f', blank: true },
  { label: 'no-break spaces', name: '\u00a0\u202f\u00a0', blank: true },
  { label: 'zero-width characters', name: '\u200b\u200c\u200d\u2060\ufeff', blank: true },
  { label: 'ideographic and em spaces', name: '\u3000\u2003', blank: true },
  { label: 'Hangul fillers', name: '\u3164\u115f\uffa0', blank: true },
  { label: 'direction marks and a soft hyphen', name: '\u200e\u200f\u00ad', blank: true },
  { label: 'a tag character', name: '\u{e0020}\u{e0041}', blank: true },
  { label: 'a word', name: 'Buy milk', blank: false },
  { label: 'a word wrapped in zero-width spaces', name: '\u200bmilk\u200b', blank: false },
  { label: 'an emoji with a variation selector', name: '\u2764\ufe0f', blank: false },
  { label: 'an Arabic number sign (a visible format character)', name: '\u0600', blank: false },
  { label: 'one dot', name: '.', blank: false },
]
