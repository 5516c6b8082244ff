// Function words: never the content of a statement, never a counted noun.
export const STOPWORDS = new Set(
  `a an the and or but if of to in on at by for from with without about as into onto over under than then
  that this these those there here it its it's is are was were be been being am has have had having do does
  did done will would shall should can could may might must not no nor so such too very just also only
  he she they we you i me him her them us our your their his my mine ours yours theirs who whom whose which
  what when where why how all any both each few more most other some own same up down out off again further
  once while because until against between through during before after above below since per via upon
  said says say told tells added stated according yet still even ever already however although though whether
  mr mrs ms dr sir lord lady`.split(/\s+/),
);
