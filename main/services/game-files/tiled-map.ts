// Tiled JSON (format 1.10) as both games write it: the orthogonal map envelope with its external tileset, tile and
// object layers, numbered objects, the agent's route as a polyline, provenance properties, and a one-row tileset strip.
import type { LevelProvenance } from '../../../contract/levels.js';

/** Tiled's own version strings written into maps and tilesets (JSON format 1.10). */
export const tiledFormatVersion = '1.10';
export const tiledVersion = '1.10.2';

export type TiledProperty = { name: string; type: 'string' | 'int' | 'bool'; value: string | number | boolean };

export const tiledInt = (name: string, value: number): TiledProperty => ({ name, type: 'int', value });
export const tiledText = (name: string, value: string): TiledProperty => ({ name, type: 'string', value });
export const tiledBool = (name: string, value: boolean): TiledProperty => ({ name, type: 'bool', value });

export interface TiledObject {
  id: number;
  name: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: 0;
  visible: true;
  point?: true;
  gid?: number;
  polyline?: { x: number; y: number }[];
  properties?: TiledProperty[];
}

export type TiledObjectFields = Omit<TiledObject, 'id' | 'rotation' | 'visible'>;

/** Numbers a map's objects from 1 in the order they are made; `nextId` is the map's `nextobjectid`. */
export class TiledObjectNumbering {
  private next = 1;

  object(fields: TiledObjectFields): TiledObject {
    return { id: this.next++, rotation: 0, visible: true, ...fields };
  }

  get nextId(): number {
    return this.next;
  }
}

/** The agent's route as one polyline object at its first cell's pixel `centre`, points relative to it. */
export function tiledRouteObject<Cell>(
  numbering: TiledObjectNumbering,
  route: readonly Cell[],
  centre: (cell: Cell) => { x: number; y: number },
): TiledObject {
  const origin = centre(route[0]!);
  return numbering.object({
    name: 'agent-path',
    type: 'path',
    ...origin,
    width: 0,
    height: 0,
    polyline: route.map((cell) => {
      const point = centre(cell);
      return { x: point.x - origin.x, y: point.y - origin.y };
    }),
  });
}

/** The map properties every export starts with: the writing application and the provenance (the seed as an int). */
export function tiledProvenanceProperties(provenance: LevelProvenance): TiledProperty[] {
  return [
    tiledText('generator', 'Mosaic Studio'),
    tiledText('model', provenance.model),
    tiledText('digest', provenance.digest),
    tiledText('prompt', provenance.prompt),
    tiledInt('seed', provenance.seed),
  ];
}

export function tiledTileLayer(id: number, name: string, width: number, height: number, data: number[]) {
  return { id, name, type: 'tilelayer', width, height, x: 0, y: 0, opacity: 1, visible: true, data };
}

export function tiledObjectLayer(id: number, name: string, objects: TiledObject[]) {
  return { id, name, type: 'objectgroup', draworder: 'topdown', objects, opacity: 1, visible: true, x: 0, y: 0 };
}

export interface TiledMapContent<Layer extends { id: number }> {
  /** In tiles. */
  width: number;
  height: number;
  /** Pixels per tile side. */
  tileSize: number;
  /** `#rrggbb`. */
  backgroundColor: string;
  numbering: TiledObjectNumbering;
  properties: TiledProperty[];
  /** The external tileset's file name (first GID 1). */
  tilesetSource: string;
  layers: Layer[];
}

/** An orthogonal, finite map of one external tileset; `nextlayerid` follows the highest layer id. */
export function tiledMap<Layer extends { id: number }>(content: TiledMapContent<Layer>) {
  return {
    type: 'map',
    version: tiledFormatVersion,
    tiledversion: tiledVersion,
    orientation: 'orthogonal',
    renderorder: 'right-down',
    width: content.width,
    height: content.height,
    tilewidth: content.tileSize,
    tileheight: content.tileSize,
    infinite: false,
    compressionlevel: -1,
    backgroundcolor: content.backgroundColor,
    nextlayerid: Math.max(0, ...content.layers.map((layer) => layer.id)) + 1,
    nextobjectid: content.numbering.nextId,
    properties: content.properties,
    tilesets: [{ firstgid: 1, source: content.tilesetSource }],
    layers: content.layers,
  };
}

export interface TiledStripTileset {
  /** The tileset's name in Tiled. */
  name: string;
  /** The PNG strip's file name, next to the .tsj. */
  imageFile: string;
  /** Pixels per tile side. */
  tileSize: number;
  /** The tiles left to right: tile id i is tiles[i]. */
  tiles: readonly string[];
  /** Each tile's Tiled class (`type`). */
  typeOf: (tile: string) => string;
  /** Each tile's custom properties. */
  propertiesOf: (tile: string) => TiledProperty[];
}

/** Tiled's JSON tileset (an external .tsj) for a one-row strip of tiles. */
export function tiledStripTileset(strip: TiledStripTileset) {
  return {
    type: 'tileset',
    version: tiledFormatVersion,
    tiledversion: tiledVersion,
    name: strip.name,
    image: strip.imageFile,
    imagewidth: strip.tileSize * strip.tiles.length,
    imageheight: strip.tileSize,
    tilewidth: strip.tileSize,
    tileheight: strip.tileSize,
    tilecount: strip.tiles.length,
    columns: strip.tiles.length,
    margin: 0,
    spacing: 0,
    tiles: strip.tiles.map((tile, id) => ({ id, type: strip.typeOf(tile), properties: strip.propertiesOf(tile) })),
  };
}
