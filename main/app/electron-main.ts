// Electron main: one sandboxed window on the built UI, IPC bound to the contract, the engine and the local API; the
// window gets no web permission but clipboard writes, and opens links only to the hosts the app links to.
import { BrowserWindow, app, ipcMain, nativeImage, net, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultPort } from '../cli/serve.js';
import { serveGrpcFromSettings } from '../grpc/settings-grpc-front-door.js';
import { createCoreHttpServer } from '../http/core-http-server.js';
import { createLogger, logLevelFromEnv } from '../platform/logger.js';
import { dragOutChannel } from '../../contract/index.js';
import { desktopAppFile, desktopAppIndexUrl, desktopAppOrigin, desktopAppScheme } from '../platform/app-origin.js';
import { locateResources, resolveDataFolder } from '../platform/paths.js';
import { createMosaicCore } from '../services/mosaic-core.js';
import { startDragOut } from './drag-out.js';
import { bindIpc, isAppFrame } from './ipc-binding.js';
import { appLinkSources } from './link-sources.js';
import { ExternalLinks, allowsPermission } from './permission-policy.js';
import { UtilityHostLauncher } from './utility-host-launcher.js';

const logger = createLogger('electron', logLevelFromEnv());
/** A 16×16 note glyph shown under the cursor while a clip is dragged out. */
const dragIconDataUrl =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAMElEQVR42mNgoCWoWvT9Py5MPwNIER81gFoG4IouoqIRV3wTnQ4oNgBdMTHiwwAAAPcSuDn9Fn7UAAAAAElFTkSuQmCC';
// Packaged, the bundled models and the probe graph sit beside app.asar (extraResources); in a checkout, in models/.
const resources = locateResources(app.getAppPath(), app.isPackaged ? process.resourcesPath : null);
// The window loads the UI from mosaic-studio://app rather than file://, so that its requests carry a real Origin (a
// remote backend allows it; file:// sends `Origin: null`). The scheme is standard and may fetch; it is deliberately
// not marked secure: a secure page may not fetch a plain-http service on the studio's network (mixed content), which
// is what a remote backend usually is. Loopback stays reachable either way.
const rendererIndexUrl = desktopAppIndexUrl;
protocol.registerSchemesAsPrivileged([
  { scheme: desktopAppScheme, privileges: { standard: true, supportFetchAPI: true, corsEnabled: true } },
]);

app.setName('Mosaic Studio');
if (!app.requestSingleInstanceLock()) app.quit();

// No page in this app embeds a <webview>; refuse any that something tries to attach.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(async () => {
  // Media, notifications, geolocation, MIDI, HID, …: the app uses none of them (see permission-policy.ts).
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowsPermission(permission, details.requestingUrl, desktopAppOrigin)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowsPermission(permission, requestingOrigin, desktopAppOrigin),
  );
  protocol.handle(desktopAppScheme, (request) => {
    const file = desktopAppFile(resources.rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).href);
  });
  const core = createMosaicCore({
    resources,
    dataFolder: resolveDataFolder(),
    launcher: new UtilityHostLauncher(),
    logger,
    followHistory: true,
  });
  const windows: BrowserWindow[] = [];
  const unbind = bindIpc({
    ipcMain,
    dispatcher: core.dispatcher,
    events: core.events,
    isTrustedSender: (event) =>
      isAppFrame(event.senderFrame?.url, event.senderFrame === event.sender.mainFrame, rendererIndexUrl),
    targets: () => windows.map((window) => window.webContents),
  });
  // Drag-out: only the app's own frame may ask, and only for exported file types (see drag-out.ts).
  const dragIcon = nativeImage.createFromDataURL(dragIconDataUrl);
  ipcMain.on(dragOutChannel, (event, request: unknown) => {
    if (!isAppFrame(event.senderFrame?.url, event.senderFrame === event.sender.mainFrame, rendererIndexUrl)) return;
    void startDragOut(request, event.sender, dragIcon).catch((error: unknown) =>
      logger.warn('drag-out failed', { error: String(error) }),
    );
  });
  void core.host
    .start()
    .catch((error: unknown) => logger.error('inference host failed to start', { error: String(error) }));

  // The local API for DAWs, game engines and scripts (bearer token: MOSAIC_HOME/api-token); the app still works if
  // the port is taken. The window itself talks over IPC and needs no token.
  const api = await createCoreHttpServer(core, logger.child('http')).catch((error: unknown) => {
    logger.warn('local API not started', { error: String(error) });
    return null;
  });
  await api
    ?.listen(Number(process.env.MOSAIC_PORT ?? defaultPort))
    .then(async (url) => {
      await core.apiAccess.announce(url);
      logger.info('local API listening', { url });
    })
    .catch((error: unknown) => logger.warn('local API not started', { error: String(error) }));
  // The Open Inference Protocol over gRPC, when Settings gives it a port (Triton's and KServe's clients call it).
  const grpc = serveGrpcFromSettings(core, logger.child('grpc'));

  const links = new ExternalLinks({
    sources: appLinkSources({
      dispatcher: core.dispatcher,
      homepage: resources.homepage,
      appCatalog: resources.appCatalog,
    }),
    open: (url) => shell.openExternal(url),
    onDenied: (url, reason) => logger.warn('link not opened', { url, reason }),
  });
  const window = createWindow(links);
  windows.push(window);
  window.on('closed', () => windows.splice(windows.indexOf(window), 1));

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    unbind();
    void core.apiAccess.withdraw();
    void api?.close();
    void grpc.close();
    void core.dispose();
  });
});

function createWindow(links: ExternalLinks): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 560,
    title: 'Mosaic Studio',
    backgroundColor: '#121316',
    show: false,
    webPreferences: {
      preload: join(resources.root, 'out', 'main', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The window shows only the app; a link opens in the user's browser when it goes to a host the app links to.
  window.webContents.on('will-navigate', (event) => {
    event.preventDefault();
    void links.open(event.url);
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    void links.open(url);
    return { action: 'deny' };
  });
  void window.loadURL(rendererIndexUrl);
  return window;
}
