// The room model's vocabulary (`room-vocab.json`, format mosaic-dungeon-rooms-v1, written by
// models/level-dungeon/room_tokens.py): the condition prefix of a room and the ids of its interior tiles.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MosaicError } from '../../../../contract/index.js';
import { dungeonInterior, dungeonInteriorTiles } from '../../../../contract/dungeons.js';
import type { RoomCondition } from './dungeon-builder.js';

const idMap = z.record(z.string(), z.number().int().min(0));
const bucketRule = z.object({
  /** The interior tiles counted. */
  tiles: z.string().min(1),
  labels: z.array(z.string()).min(1),
  /** maxCount[i]: the most tiles label i covers; counts above the last go to the last label. */
  maxCount: z.array(z.number().int().min(0)),
});
const vocabularySchema = z.object({
  format: z.literal('mosaic-dungeon-rooms-v1'),
  tokens: z.array(z.string()).min(1),
  specialTokens: z.object({ room: z.number().int(), tiles: z.number().int(), end: z.number().int() }),
  tileTokens: idMap,
  conditions: z.object({
    doors: z.object({ n: idMap, e: idMap, s: idMap, w: idMap }),
    role: idMap,
    trainedRoles: z.array(z.string()),
    roleFallback: z.record(z.string(), z.string()),
    enemies: idMap,
    blocks: idMap,
    elements: idMap,
    buckets: z.object({ enemies: bucketRule, blocks: bucketRule, elements: bucketRule }),
  }),
  promptLength: z.number().int().min(1),
  interior: z.object({ width: z.literal(dungeonInterior.width), height: z.literal(dungeonInterior.height) }),
});
type VocabularyFile = z.infer<typeof vocabularySchema>;

export class RoomVocabulary {
  /** Token id → interior tile character, for the tile tokens. */
  private readonly tileOfToken = new Map<number, string>();
  readonly tileTokenIds: readonly number[];

  private constructor(private readonly file: VocabularyFile) {
    for (const tile of dungeonInteriorTiles) {
      const id = file.tileTokens[tile];
      if (id === undefined)
        throw new MosaicError('MODEL_LOAD_FAILED', `The room vocabulary has no token for tile ${tile}.`);
      this.tileOfToken.set(id, tile);
    }
    this.tileTokenIds = [...this.tileOfToken.keys()];
  }

  static parse(json: unknown): RoomVocabulary {
    const parsed = vocabularySchema.safeParse(json);
    if (!parsed.success) {
      throw new MosaicError('MODEL_LOAD_FAILED', 'The room vocabulary is not a mosaic-dungeon-rooms-v1 file.');
    }
    return new RoomVocabulary(parsed.data);
  }

  static fromFile(path: string): RoomVocabulary {
    return RoomVocabulary.parse(JSON.parse(readFileSync(path, 'utf8')) as unknown);
  }

  /** Tokens in the vocabulary (the graph's vocabulary must be at least this big). */
  get size(): number {
    return this.file.tokens.length;
  }

  /**
   * A room's prefix: `<room> door_n door_e door_s door_w role enemies blocks elements <tiles>`. Roles the model was
   * not trained on go through the file's fallback, and the role agrees with the enemies bucket as in training (enemy
   * exactly when a monster is asked for).
   */
  promptTokens(condition: RoomCondition): number[] {
    const { conditions, specialTokens } = this.file;
    const role = this.roleFor(condition);
    const pick = (map: Record<string, number>, key: string, what: string): number => {
      const id = map[key];
      if (id === undefined) throw new MosaicError('MODEL_LOAD_FAILED', `The room vocabulary has no ${what} "${key}".`);
      return id;
    };
    const tokens = [
      specialTokens.room,
      pick(conditions.doors.n, condition.doors.north ? '1' : '0', 'door_n'),
      pick(conditions.doors.e, condition.doors.east ? '1' : '0', 'door_e'),
      pick(conditions.doors.s, condition.doors.south ? '1' : '0', 'door_s'),
      pick(conditions.doors.w, condition.doors.west ? '1' : '0', 'door_w'),
      pick(conditions.role, role, 'role'),
      pick(conditions.enemies, condition.enemies, 'enemies bucket'),
      pick(conditions.blocks, condition.blocks, 'blocks bucket'),
      pick(conditions.elements, condition.elements, 'elements bucket'),
      specialTokens.tiles,
    ];
    if (tokens.length !== this.file.promptLength) {
      throw new MosaicError(
        'MODEL_LOAD_FAILED',
        `The room vocabulary's prompt is ${this.file.promptLength} tokens, not 10.`,
      );
    }
    return tokens;
  }

  private roleFor(condition: RoomCondition): string {
    const { trainedRoles, roleFallback } = this.file.conditions;
    if (condition.role === 'start' && trainedRoles.includes('start')) return 'start';
    const role = trainedRoles.includes(condition.role) ? condition.role : (roleFallback[condition.role] ?? 'normal');
    if (role === 'enemy' || role === 'normal') return condition.enemies === 'none' ? 'normal' : 'enemy';
    return role;
  }

  /** The buckets an interior falls in, by the counts the model was trained with (conditions.buckets). */
  measure(interior: readonly string[]): Pick<RoomCondition, 'enemies' | 'blocks' | 'elements'> {
    const tiles = interior.join('');
    const bucket = (rule: z.infer<typeof bucketRule>): string => {
      const count = [...tiles].filter((tile) => rule.tiles.includes(tile)).length;
      const index = rule.maxCount.findIndex((most) => count <= most);
      return rule.labels[index === -1 ? rule.labels.length - 1 : index]!;
    };
    const { buckets } = this.file.conditions;
    return {
      enemies: bucket(buckets.enemies) as RoomCondition['enemies'],
      blocks: bucket(buckets.blocks) as RoomCondition['blocks'],
      elements: bucket(buckets.elements) as RoomCondition['elements'],
    };
  }

  /** The interior tile a token stands for; undefined for any other token. */
  tileOf(token: number): string | undefined {
    return this.tileOfToken.get(token);
  }
}
