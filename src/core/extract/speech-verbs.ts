// The speech verbs, in their base forms only: their inflections are derived with the lemmatizer
// (scripts/speech-forms.ts writes speech-forms.ts). Each verb is listed once; a test checks it.

export const SPEECH_VERB_BASES: readonly string[] = [
  'say', 'tell', 'add', 'ask', 'state', 'write', 'warn', 'insist', 'argue', 'claim', 'explain', 'note',
  'continue', 'declare', 'announce', 'reply', 'respond', 'tweet', 'post', 'suggest', 'acknowledge', 'admit',
  'recall', 'report', 'quip', 'joke', 'concede', 'counter', 'stress', 'emphasize', 'emphasise', 'urge',
  'predict', 'promise', 'vow', 'pledge', 'confirm', 'deny', 'demand', 'charge', 'allege', 'contend',
  'maintain', 'observe', 'remark', 'comment', 'shout', 'yell', 'cry', 'wonder', 'muse', 'boast', 'complain',
  'lament', 'agree', 'testify', 'chant', 'scoff', 'snap', 'retort', 'whisper', 'reveal', 'disclose',
  'assert', 'affirm', 'concur', 'caution', 'tout', 'blast', 'slam', 'mock', 'accuse', 'describe', 'call',
  'read', 'begin', 'conclude', 'indicate', 'mention', 'point', 'speculate', 'hint', 'sing', 'plead', 'beg',
  'thunder', 'exclaim', 'interject', 'tease', 'fume', 'rage', 'gush', 'sigh', 'laugh', 'repeat', 'reiterate',
  'clarify', 'elaborate', 'propose', 'recount', 'believe', 'think', 'feel', 'hope', 'fear', 'worry',
  'estimate', 'find', 'show', 'learn', 'hear',
  'answer', 'assure', 'bark', 'demur', 'proclaim', 'press',
];

/** Verbs that introduce what someone said most directly; preferred when a sentence has several. */
export const CORE_SPEECH_VERB_BASES: readonly string[] = [
  'say', 'tell', 'add', 'ask', 'state', 'write', 'warn', 'insist', 'argue', 'claim', 'explain', 'note',
  'continue', 'declare', 'announce', 'reply', 'respond', 'tweet', 'recall', 'report', 'quip', 'joke',
  'concede', 'counter', 'stress', 'emphasize', 'emphasise', 'urge', 'predict', 'vow', 'pledge', 'confirm',
  'admit', 'acknowledge', 'suggest', 'reiterate', 'retort', 'exclaim', 'chant', 'shout', 'yell', 'repeat',
  'assert', 'contend', 'maintain', 'observe', 'remark', 'comment',
];

/** Derived forms that do not report speech ("had shown bad judgment"): left out of the forms. */
export const NOT_SPEECH_FORMS: readonly string[] = ['shown'];
