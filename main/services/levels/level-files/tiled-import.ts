// Reads a level back from a Tiled JSON map (.tmj): one this app exported, or the same map edited and saved by Tiled
// (its tileset external or embedded, tiles flipped, layer data as an array or base64, zlib/gzip or not, enemies as
// tile objects or drawn in the terrain layer). A tile is known by its tileset: ours by position, any other by the
// `vglc` property each of its tiles carries (ours carry one too), so a map drawn with other tiles is refused.
import { gunzipSync, inflateSync } from 'node:zlib';
import { MosaicError } from '../../../../contract/index.js';
import { levelRows, levelRowsSchema } from '../../../../contract/levels.js';
import { tilesetFileName } from './tiled-export.js';
import { tileSize, tilesetTiles } from './tileset-export.js';

/** Tiled keeps flips and rotations in a GID's top four bits. */
const gidMask = 0x0fffffff;

interface TiledTilesetRef {
  firstgid?: number;
  source?: string;
  tiles?: { id?: number; properties?: TiledProperties }[];
}

interface TiledLayer {
  type?: string;
  name?: string;
  data?: number[] | string;
  encoding?: string;
  compression?: string;
  chunks?: unknown;
  objects?: { gid?: number; x?: number; y?: number }[];
  layers?: TiledLayer[];
}

type TiledProperties = { name?: string; value?: unknown }[] | undefined;
const propertyValue = (properties: TiledProperties, name: string) =>
  properties?.find((property) => property.name === name)?.value;
const infiniteMap = 'an infinite map; save it with a fixed size (Map → Map Properties).';

const refuse = (message: string): never => {
  throw new MosaicError('BAD_REQUEST', `Not a level map: ${message}`);
};

/** GID → VGLC character for every tileset of the map. */
function tileLookup(tilesets: TiledTilesetRef[]): (gid: number) => string | undefined {
  const ranges = tilesets
    .map((tileset) => {
      const firstGid = tileset.firstgid ?? refuse('a tileset without firstgid.');
      const byId = new Map<number, string>();
      const source = tileset.source?.split(/[\\/]/).pop();
      if (source === tilesetFileName) tilesetTiles.forEach((tile, id) => byId.set(id, tile));
      for (const tile of tileset.tiles ?? []) {
        const vglc = propertyValue(tile.properties, 'vglc');
        if (typeof vglc === 'string' && tile.id !== undefined) byId.set(tile.id, vglc);
      }
      if (byId.size === 0)
        refuse(
          `its tileset ${tileset.source ?? '(embedded)'} is not Mosaic's (${tilesetFileName}) and its tiles carry ` +
            'no "vglc" property naming their VGLC character.',
        );
      return { firstGid, byId };
    })
    .sort((a, b) => b.firstGid - a.firstGid);
  return (gid) => {
    const range = ranges.find((candidate) => gid >= candidate.firstGid);
    return range?.byId.get(gid - range.firstGid);
  };
}

/** A tile layer's GIDs, whatever format Tiled saved them in. */
function layerGids(layer: TiledLayer): number[] {
  if (layer.chunks !== undefined) refuse(infiniteMap);
  if (Array.isArray(layer.data)) return layer.data;
  if (typeof layer.data !== 'string' || layer.encoding !== 'base64')
    refuse('its terrain layer holds no tile data Mosaic reads (CSV or Base64).');
  let bytes = Buffer.from(layer.data as string, 'base64');
  if (layer.compression === 'zlib') bytes = inflateSync(bytes);
  else if (layer.compression === 'gzip') bytes = gunzipSync(bytes);
  else if (layer.compression)
    refuse(`its terrain layer is ${layer.compression}-compressed; save it as CSV, or Base64 with zlib or gzip.`);
  const gids: number[] = [];
  for (let offset = 0; offset + 4 <= bytes.length; offset += 4) gids.push(bytes.readUInt32LE(offset));
  return gids;
}

function allLayers(layers: TiledLayer[]): TiledLayer[] {
  return layers.flatMap((layer) => (layer.type === 'group' ? allLayers(layer.layers ?? []) : [layer]));
}

export interface TiledLevel {
  rows: string[];
  /** The prompt the map records (a map this app exported), if any. */
  prompt?: string;
}

/** The level's 14 VGLC rows from a Tiled JSON map; BAD_REQUEST, saying why, when it is not one. */
export function parseTiledMap(text: string): TiledLevel {
  let map: {
    type?: string;
    orientation?: string;
    infinite?: boolean;
    width?: number;
    height?: number;
    tilewidth?: number;
    tileheight?: number;
    tilesets?: TiledTilesetRef[];
    layers?: TiledLayer[];
    properties?: TiledProperties;
  };
  try {
    map = JSON.parse(text) as typeof map;
  } catch {
    return refuse('the file is not JSON (a Tiled .tmj map is).');
  }
  if (map.type !== 'map' || map.orientation !== 'orthogonal') refuse('not an orthogonal Tiled map.');
  if (map.infinite) refuse(infiniteMap);
  const width = map.width ?? 0;
  if (map.height !== levelRows) refuse(`${map.height} rows; a level has ${levelRows}.`);
  if (map.tilewidth !== tileSize || map.tileheight !== tileSize) refuse(`tiles are not ${tileSize} pixels.`);
  const tileOf = tileLookup(map.tilesets ?? []);
  const layers = allLayers(map.layers ?? []);
  const tileLayers = layers.filter((layer) => layer.type === 'tilelayer');
  const terrain = tileLayers.find((layer) => layer.name === 'terrain') ?? tileLayers[0];
  if (!terrain) return refuse('it has no tile layer.');
  const gids = layerGids(terrain);
  if (gids.length !== width * levelRows) refuse(`its terrain layer holds ${gids.length} tiles for ${width} × 14.`);
  const grid = Array.from({ length: levelRows }, (_, y) =>
    Array.from({ length: width }, (_, x) => {
      const gid = gids[y * width + x]! & gidMask;
      return gid === 0 ? '-' : (tileOf(gid) ?? refuse(`tile ${gid} at column ${x}, row ${y} has no VGLC character.`));
    }),
  );
  // Tile objects (the enemies layer) stand on their cell: Tiled anchors them at their bottom-left corner.
  for (const layer of layers.filter((candidate) => candidate.type === 'objectgroup')) {
    for (const object of layer.objects ?? []) {
      if (!object.gid) continue;
      const tile = tileOf(object.gid & gidMask);
      const x = Math.floor((object.x ?? 0) / tileSize);
      const y = Math.round((object.y ?? 0) / tileSize) - 1;
      if (tile && grid[y]?.[x] === '-') grid[y]![x] = tile;
    }
  }
  const parsed = levelRowsSchema.safeParse(grid.map((row) => row.join('')));
  if (!parsed.success) return refuse('its tiles do not make a level.');
  const prompt = propertyValue(map.properties, 'prompt');
  return { rows: parsed.data, ...(typeof prompt === 'string' && prompt ? { prompt } : {}) };
}
