// The few lines every script needs to call a running Mosaic service (`mosaic serve`, or the desktop app): where it
// is and its token, found as the `mosaic` command finds them, a POST that turns an error answer into a thrown Error
// with the API's code, and saving the files an export route answers. No dependencies.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** MOSAIC_HOME, or the data folder the app uses on this system. */
function dataFolder() {
  if (process.env.MOSAIC_HOME) return process.env.MOSAIC_HOME;
  if (process.platform === 'win32')
    return join(process.env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'Mosaic Studio');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Mosaic Studio');
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'mosaic-studio');
}

/** MOSAIC_URL; else the service the data folder's service.json names while its process runs; else the default. */
function serviceUrl() {
  if (process.env.MOSAIC_URL) return process.env.MOSAIC_URL.replace(/\/+$/, '');
  try {
    const record = JSON.parse(readFileSync(join(dataFolder(), 'service.json'), 'utf8'));
    process.kill(record.pid, 0);
    return record.url;
  } catch {
    return 'http://127.0.0.1:7523';
  }
}

export const baseUrl = serviceUrl();

/** MOSAIC_API_TOKEN, or the token file in the data folder. */
export function apiToken() {
  return process.env.MOSAIC_API_TOKEN || readFileSync(join(dataFolder(), 'api-token'), 'utf8').trim();
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

/** Saves the files an export route answers (`[{name, base64}]`) into the folder, made if need be; returns their paths. */
export function saveFiles(folder, files) {
  mkdirSync(folder, { recursive: true });
  return files.map((file) => {
    const path = join(folder, file.name);
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    return path;
  });
}

/** What a level or dungeon export records of the run that made it: the model, its digest, the prompt and the seed. */
export function provenanceOf({ model, result }) {
  return { model: `${model.name}@${model.version}`, digest: model.digest, prompt: result.prompt, seed: result.seed };
}
