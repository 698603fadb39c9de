// The few lines every script needs to call a running Mosaic service (`mosaic serve`, or the desktop app): where it
// is, its token, and a POST that turns an error answer into a thrown Error with the API's code. No dependencies.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** MOSAIC_URL, or the address `mosaic serve` uses by default. */
export const baseUrl = (process.env.MOSAIC_URL || 'http://127.0.0.1:7523').replace(/\/+$/, '');

/** MOSAIC_API_TOKEN, or the token file in the data folder (MOSAIC_HOME, or the OS default the app uses). */
export function apiToken() {
  if (process.env.MOSAIC_API_TOKEN) return process.env.MOSAIC_API_TOKEN;
  const home =
    process.env.MOSAIC_HOME ||
    (process.platform === 'win32'
      ? join(process.env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'Mosaic Studio')
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support', 'Mosaic Studio')
        : join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'mosaic-studio'));
  return readFileSync(join(home, 'api-token'), 'utf8').trim();
}

/** POST /v1/<route> with a JSON body; resolves to the answer's JSON or throws `CODE: message`. */
export async function post(route, body) {
  let response;
  try {
    response = await fetch(`${baseUrl}/v1/${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new Error(
      `No Mosaic service answers at ${baseUrl} (start one with \`mosaic serve\`): ${error.cause?.code ?? error.message}`,
    );
  }
  const answer = await response.json();
  if (!response.ok) throw new Error(`${answer.error?.code ?? response.status}: ${answer.error?.message ?? 'failed'}`);
  return answer;
}
