// Module hooks for test/build/loaded-packages.mjs: appends the URL of each ES module loaded to the
// file it is given (synchronously, so nothing is lost when the process exits).
import { appendFileSync } from 'node:fs';

let file = '';
export function initialize(data) {
  file = data.file;
}

export async function load(url, context, next) {
  const result = await next(url, context);
  if (!url.startsWith('node:')) appendFileSync(file, `${url}\n`);
  return result;
}
