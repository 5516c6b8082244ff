// English abbreviations that end in a period without ending a sentence (general vocabulary).

/** Lower-cased, without the trailing period. */
export const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sen', 'sens', 'gov', 'govs', 'rep', 'reps', 'rev', 'hon', 'st', 'sr', 'jr',
  'gen', 'lt', 'col', 'capt', 'cpt', 'maj', 'sgt', 'cmdr', 'adm', 'brig', 'cpl', 'pvt', 'pres', 'supt', 'det', 'insp',
  'atty', 'amb', 'msgr', 'fr', 'messrs', 'mme', 'mlle', 'esq',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'no', 'nos', 'vs', 'v', 'etc', 'approx', 'est', 'dept', 'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros',
  'mt', 'ft', 'ave', 'blvd', 'rd', 'cf', 'e.g', 'i.e', 'al', 'fig', 'vol', 'pp', 'ch', 'art', 'sec',
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'kans', 'ky', 'la', 'md',
  'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va', 'vt', 'wash',
  'wis', 'wyo', 'wva',
]);

/** Words that commonly open a sentence; after "U.S." or "a.m." they signal a real boundary. */
export const SENTENCE_OPENERS = new Set([
  'The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'You', 'This', 'That', 'These', 'Those', 'But', 'And', 'In',
  'On', 'At', 'As', 'If', 'When', 'While', 'After', 'Before', 'His', 'Her', 'Their', 'Its', 'Our', 'There', 'Some',
  'Many', 'Most', 'Other', 'Others', 'Still', 'Yet', 'So', 'Now', 'Then', 'Meanwhile', 'However', 'Also', 'For', 'With',
  'What', 'Who', 'Why', 'How', 'Asked', 'According', 'Last', 'Earlier', 'Later', 'Since', 'Although', 'Though',
]);
