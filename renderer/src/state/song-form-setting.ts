// A form setting (Arrange's and Music's): section letters A–H as the contract takes them, or "" for the workspace's
// own default (auto).

/** True for a form the contract takes ("" means none given). */
export function isForm(form: string): boolean {
  return form === '' || /^[A-H]{1,16}$/.test(form);
}

/** A persisted or patched form, upper-cased; anything that is not a form gives the fallback. */
export function formSetting(value: unknown, fallback: string): string {
  const form = typeof value === 'string' ? value.toUpperCase() : fallback;
  return isForm(form) ? form : fallback;
}
