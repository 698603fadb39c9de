// The desktop window's link sources read from a real engine on the bundled catalog: the links model cards show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLinkSources } from '../../../../main/app/link-sources.js';
import { ExternalLinks, linkHostsOf } from '../../../../main/app/permission-policy.js';
import { createCoreFixture, type CoreFixture } from '../../../support/core-fixture.js';

let fixture: CoreFixture;

beforeAll(async () => {
  fixture = await createCoreFixture();
  await fixture.call('models.install', { name: 'level-platformer', catalogId: 'bundled', activate: true, wait: true });
}, 120_000);

afterAll(async () => {
  await fixture?.dispose();
});

describe('desktop link sources', () => {
  it("lists the app's homepage and catalogs, then installed cards' links, then offered cards' links", async () => {
    const [app, installed, offered] = appLinkSources({
      dispatcher: fixture.core.dispatcher,
      homepage: 'https://mosaic-studio.example',
      appCatalog: 'https://models.mosaic-studio.example/catalog/',
    });
    expect([...linkHostsOf(await app!())].sort()).toEqual(['models.mosaic-studio.example', 'mosaic-studio.example']);
    // level-platformer's card links its training data (the VGLC on GitHub); the music models are not installed.
    expect(await installed!()).toEqual(['https://github.com/TheVGLC/TheVGLC']);
    const offeredHosts = linkHostsOf(await offered!());
    expect(offeredHosts).toContain('github.com');
    expect(offeredHosts).toContain('magenta.tensorflow.org');

    const opened: string[] = [];
    const links = new ExternalLinks({
      sources: [app!, installed!, offered!],
      open: async (url) => void opened.push(url),
    });
    await links.open('https://magenta.tensorflow.org/datasets/groove');
    await links.open('https://tracker.example/?leak=1');
    expect(opened).toEqual(['https://magenta.tensorflow.org/datasets/groove']);
  });
});
