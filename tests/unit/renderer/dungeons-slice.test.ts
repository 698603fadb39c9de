import { describe, expect, it } from 'vitest';
import type { Dungeon, Job } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import { keptCharacters, keptDungeonsOf } from '../../../renderer/src/state/dungeon-results.js';
import { doorsOfRoom, mergeRoomRepairs, roomToward, roomsRedrawn } from '../../../renderer/src/state/dungeon-rooms.js';
import { defaultDungeonSettings } from '../../../renderer/src/state/dungeon-settings.js';
import { dungeonOriginAt, shownDungeon } from '../../../renderer/src/state/dungeons-slice.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import {
  dungeonFixture,
  dungeonModelFixture as model,
  dungeonRunFixture as runOf,
  roomTiles,
} from '../../support/dungeon-runs.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';

describe('dungeons slice', () => {
  it('generates with the settings and shows the first variation as its only take', async () => {
    const bridge = fakeBridge({ 'dungeons.generate': () => runOf([dungeonFixture(0), dungeonFixture(1)]) });
    const store = createStudioStore(bridge, memoryStorage());
    store.getState().setDungeonSettings({ rooms: 8, keyLocks: 2, seed: 99, variations: 2, enemyDensity: 0.2 });
    const pending = store.getState().generateDungeons();
    expect(store.getState().dungeonActivity).toEqual({ state: 'generating' });
    await pending;
    expect(bridge.calls[0]).toEqual({
      method: 'dungeons.generate',
      request: {
        rooms: 8,
        enemyDensity: 0.2,
        blockDensity: 0.4,
        elementDensity: 0.25,
        keyLocks: 2,
        seed: 99,
        variations: 2,
      },
    });
    expect(store.getState().dungeonTakes.map((entry) => [entry.takes.length, entry.at])).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(store.getState()).toMatchObject({
      selectedDungeon: 0,
      selectedRoom: null,
      dungeonActivity: { state: 'idle' },
    });
  });

  it('keeps settings valid whatever is typed: an out-of-range value leaves the current one', () => {
    const store = createStudioStore(fakeBridge({}), memoryStorage());
    store.getState().setDungeonSettings({ rooms: 20, keyLocks: 3 });
    store.getState().setDungeonSettings({ rooms: 40, keyLocks: 9, blockDensity: 2, variations: 0 });
    expect(store.getState().dungeonSettings).toEqual({ ...defaultDungeonSettings, rooms: 20, keyLocks: 3 });
  });

  it('records a coded error and keeps the dungeons shown when generation fails', async () => {
    let fail = false;
    const bridge = fakeBridge({
      'dungeons.generate': () => {
        if (fail) throw new MosaicError('MODEL_NOT_FOUND', 'level-dungeon is not installed.');
        return runOf([dungeonFixture()]);
      },
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().generateDungeons();
    fail = true;
    await store.getState().generateDungeons();
    expect(store.getState().dungeonError).toMatchObject({ code: 'MODEL_NOT_FOUND' });
    expect(store.getState().dungeonActivity).toEqual({ state: 'idle' });
    expect(shownDungeon(store.getState())).not.toBeNull();
  });

  it('redraws the selected room as a new take; undo and redo step through the takes; a redraw after undo drops the rest', async () => {
    let redraws = 0;
    const bridge = fakeBridge({
      'dungeons.generate': () => runOf([dungeonFixture()]),
      'dungeons.regenerateRoom': (request: { dungeon: Dungeon; room: number }) => {
        redraws += 1;
        const next = structuredClone(request.dungeon);
        next.rooms[request.room] = { ...next.rooms[request.room]!, tiles: roomTiles(redraws % 2 ? 'B' : 'M') };
        // The engine answers the repairs of its own run: here none.
        next.repairs = [];
        return runOf([next], 'regenerateRoom', `edit-${redraws}`);
      },
    });
    const store = createStudioStore(bridge, memoryStorage(), {});
    await store.getState().generateDungeons();
    const generated = shownDungeon(store.getState())!;
    await store.getState().regenerateSelectedRoom();
    expect(bridge.calls).toHaveLength(1); // nothing selected: nothing sent
    store.getState().selectRoom(2);
    await store.getState().regenerateSelectedRoom();
    const call = bridge.calls[1]!;
    expect(call.method).toBe('dungeons.regenerateRoom');
    expect(call.request).toMatchObject({ dungeon: generated, room: 2, seed: expect.any(Number) });
    const redrawn = shownDungeon(store.getState())!;
    expect(roomsRedrawn(generated, redrawn)).toEqual([2]);
    // Room 1 kept its tiles, so the carve that made them is still listed; room 2's old repair is gone.
    expect(redrawn.repairs).toEqual([generated.repairs[0]]);
    expect(store.getState().dungeonTakes[0]).toMatchObject({ at: 1 });

    store.getState().undoDungeonTake();
    expect(shownDungeon(store.getState())).toEqual(generated);
    store.getState().redoDungeonTake();
    expect(shownDungeon(store.getState())).toEqual(redrawn);
    store.getState().redoDungeonTake(); // nothing further: stays
    expect(store.getState().dungeonTakes[0]!.at).toBe(1);

    store.getState().undoDungeonTake();
    await store.getState().regenerateSelectedRoom();
    expect(store.getState().dungeonTakes[0]!.takes).toHaveLength(2);
    expect(shownDungeon(store.getState())!.rooms[2]!.tiles).toEqual(roomTiles('M'));
  });

  it('names where the shown take came from, to star it: the run’s variation, or the redraw that made it', async () => {
    const bridge = fakeBridge({
      'dungeons.generate': () => runOf([dungeonFixture(0), dungeonFixture(1)]),
      'dungeons.regenerateRoom': (request: { dungeon: Dungeon }) =>
        runOf([structuredClone(request.dungeon)], 'regenerateRoom', 'edit-1'),
    });
    const store = createStudioStore(bridge, memoryStorage());
    expect(dungeonOriginAt(store.getState(), 0)).toBeNull();
    await store.getState().generateDungeons();
    expect(dungeonOriginAt(store.getState(), 1)).toEqual({ jobId: 'job-1', variation: 1 });
    store.getState().selectDungeon(1);
    store.getState().selectRoom(0);
    await store.getState().regenerateSelectedRoom();
    expect(dungeonOriginAt(store.getState(), 1)).toEqual({ jobId: 'edit-1', variation: 0 });
    store.getState().undoDungeonTake();
    expect(dungeonOriginAt(store.getState(), 1)).toEqual({ jobId: 'job-1', variation: 1 });
  });

  it('opens a recorded run from History, dropping the late answer of a generation it abandoned', async () => {
    let answer: (run: unknown) => void = () => undefined;
    const bridge = fakeBridge({
      'dungeons.generate': () => new Promise((resolve) => (answer = resolve)),
      'jobs.cancel': () => ({ cancelled: true }),
    });
    const store = createStudioStore(bridge, memoryStorage());
    const pending = store.getState().generateDungeons();
    const recorded = runOf([dungeonFixture(0, 'B')], 'generate', 'recorded');
    store.getState().openDungeonRun(recorded);
    expect(store.getState()).toMatchObject({ dungeonRun: recorded, dungeonActivity: { state: 'idle' } });
    answer(runOf([dungeonFixture(0, 'M')], 'generate', 'late'));
    await pending;
    expect(store.getState().dungeonRun?.jobId).toBe('recorded');
    expect(shownDungeon(store.getState())!.rooms[0]!.tiles).toEqual(roomTiles('B'));
  });

  it('a cancel before main announced the job (Esc right after Generate) cancels that job once it is announced, and no later one', async () => {
    // Each generation's answer is given by the test (or by jobs.cancel, which rejects the one in flight).
    let answer: { resolve: (run: unknown) => void; reject: (error: unknown) => void } | null = null;
    const bridge = fakeBridge({
      'dungeons.generate': () => new Promise((resolve, reject) => (answer = { resolve, reject })),
      'jobs.cancel': () => {
        answer!.reject(new MosaicError('CANCELLED', 'The job was cancelled.'));
        return { cancelled: true };
      },
    });
    const cancels = () => bridge.calls.filter((call) => call.method === 'jobs.cancel');
    const store = createStudioStore(bridge, memoryStorage());
    const announce = (id: string, state: Job['state']): void =>
      store.getState().applyJob({
        id,
        kind: 'dungeons.generate',
        label: 'dungeons',
        state,
        progress: { fraction: 0 },
        position: null,
        createdAt: '2026-12-07T00:00:00.000Z',
        startedAt: null,
        finishedAt: state === 'running' ? null : '2026-12-07T00:00:01.000Z',
        error: null,
      });

    const first = store.getState().generateDungeons();
    const cancelled = store.getState().cancelDungeonWork();
    expect(cancels()).toHaveLength(0);
    announce('job-first', 'running');
    await cancelled;
    expect(cancels()).toEqual([{ method: 'jobs.cancel', request: { id: 'job-first' } }]);
    await first;
    expect(store.getState()).toMatchObject({ dungeonError: { code: 'CANCELLED' }, dungeonActivity: { state: 'idle' } });
    announce('job-first', 'cancelled');

    // A cancel whose generation ends before its job is announced stops waiting: the next generation is left alone.
    const second = store.getState().generateDungeons();
    const unanswered = store.getState().cancelDungeonWork();
    answer!.resolve(runOf([dungeonFixture()]));
    await second;
    await unanswered;
    const third = store.getState().generateDungeons();
    announce('job-third', 'running');
    answer!.resolve(runOf([dungeonFixture()]));
    await third;
    expect(cancels()).toHaveLength(1);
    expect(store.getState()).toMatchObject({ dungeonError: null, dungeonActivity: { state: 'idle' } });
  });

  it('moves the room selection by direction: the start room first, then the room lying that way', async () => {
    const store = createStudioStore(
      fakeBridge({ 'dungeons.generate': () => runOf([dungeonFixture()]) }),
      memoryStorage(),
    );
    await store.getState().generateDungeons();
    store.getState().moveRoomSelection('east');
    expect(store.getState().selectedRoom).toBe(0);
    store.getState().moveRoomSelection('east');
    expect(store.getState().selectedRoom).toBe(1);
    store.getState().moveRoomSelection('south');
    expect(store.getState().selectedRoom).toBe(2);
    store.getState().moveRoomSelection('south'); // no room further south
    expect(store.getState().selectedRoom).toBe(2);
    store.getState().moveRoomSelection('west'); // nothing straight west of (1, 1): the nearest room that way, room 0
    expect(store.getState().selectedRoom).toBe(0);
    store.getState().selectRoom(9); // not a room of this dungeon
    expect(store.getState().selectedRoom).toBe(0);
  });

  it('exports the shown dungeon with its provenance, and every variation with a shared file once', async () => {
    const bridge = fakeBridge({
      'dungeons.generate': () => runOf([dungeonFixture(0), dungeonFixture(1)]),
      'dungeons.export': (request: { name: string }) => ({
        files: [
          { name: `${request.name}.tmj`, mediaType: 'application/json', base64: 'e30=' },
          { name: 'mosaic-dungeon-tiles.png', mediaType: 'image/png', base64: 'AA==' },
        ],
      }),
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().generateDungeons();
    store.getState().selectDungeon(1);
    const files = await store.getState().exportDungeon('tmj');
    expect(bridge.calls[1]).toEqual({
      method: 'dungeons.export',
      request: {
        dungeon: dungeonFixture(1),
        provenance: {
          model: 'level-dungeon@1.0.0',
          digest: 'a'.repeat(64),
          prompt: '3 rooms, 1 key, enemies 0.5, blocks 0.4, elements 0.25',
          seed: 7,
        },
        format: 'tmj',
        name: '3-rooms-1-key-enemies-0-5-blocks-0-4-elements-0-25-seed7-v2',
      },
    });
    expect(files).toHaveLength(2);
    const all = await store.getState().exportAllDungeons('tmj');
    expect(all!.map((file) => file.name)).toEqual([
      '3-rooms-1-key-enemies-0-5-blocks-0-4-elements-0-25-seed7-v1.tmj',
      'mosaic-dungeon-tiles.png',
      '3-rooms-1-key-enemies-0-5-blocks-0-4-elements-0-25-seed7-v2.tmj',
    ]);
    expect(store.getState().dungeonActivity).toEqual({ state: 'idle' });
  });

  it('puts the dungeons, their takes and the picks back after a reload', async () => {
    const storage = memoryStorage();
    const bridge = fakeBridge({
      'dungeons.generate': () => runOf([dungeonFixture(0), dungeonFixture(1)]),
      'dungeons.regenerateRoom': (request: { dungeon: Dungeon; room: number }) => {
        const next = structuredClone(request.dungeon);
        next.rooms[request.room]!.tiles = roomTiles('B');
        return runOf([next], 'regenerateRoom', 'edit');
      },
    });
    const first = createStudioStore(bridge, storage);
    await first.getState().restoreResults();
    await first.getState().generateDungeons();
    first.getState().selectDungeon(1);
    first.getState().selectRoom(1);
    await first.getState().regenerateSelectedRoom();
    first.getState().undoDungeonTake();

    const second = createStudioStore(fakeBridge({}), storage);
    await second.getState().restoreResults();
    expect(second.getState()).toMatchObject({ selectedDungeon: 1, selectedRoom: 1 });
    expect(second.getState().dungeonTakes).toEqual(first.getState().dungeonTakes);
    expect(second.getState().dungeonRun).toMatchObject({ jobId: 'job-1', model, result: { seed: 7 } });
    second.getState().redoDungeonTake();
    expect(shownDungeon(second.getState())!.rooms[1]!.tiles).toEqual(roomTiles('B'));
  });

  it('keeps only the shown takes when all of them would not fit in storage', () => {
    const big = dungeonFixture();
    big.path = Array.from({ length: 100_000 }, (_, index) => [index % 32, index % 22] as [number, number]);
    const store = createStudioStore(fakeBridge({}), memoryStorage());
    store.getState().restoreDungeons({
      run: runOf([]),
      takes: [{ takes: [big, big, big], edits: [null, 'a', 'b'], at: 2 }],
      selectedDungeon: 0,
      selectedRoom: null,
    });
    expect(JSON.stringify(store.getState().dungeonTakes).length).toBeGreaterThan(keptCharacters);
    const kept = keptDungeonsOf(store.getState())!;
    expect(kept.variations).toEqual([{ takes: [big], edits: ['b'], at: 0 }]);
  });
});

describe('dungeon rooms', () => {
  it('lists a room’s doors from its own side, locks included', () => {
    expect(doorsOfRoom(dungeonFixture(), 1)).toEqual([
      { side: 'south', to: 2, lock: 0 },
      { side: 'west', to: 0, lock: null },
    ]);
    expect(doorsOfRoom(dungeonFixture(), 2)).toEqual([{ side: 'north', to: 1, lock: 0 }]);
  });

  it('finds the room lying a way, or none', () => {
    const dungeon = dungeonFixture();
    expect(roomToward(dungeon, 0, 'east')).toBe(1);
    expect(roomToward(dungeon, 0, 'south')).toBe(2);
    expect(roomToward(dungeon, 0, 'north')).toBeNull();
  });

  it('merges repairs: the new run’s, and the old ones of rooms left untouched', () => {
    const before = dungeonFixture();
    const after = structuredClone(before);
    after.rooms[1]!.tiles = roomTiles('B');
    after.repairs = [{ room: 1, kind: 'carve', tiles: 4, reason: 'door west cut off' }];
    // Room 1 redrawn and repaired again; room 2 untouched keeps its old repair.
    expect(mergeRoomRepairs(before, after, 1)).toEqual([after.repairs[0], before.repairs[1]]);
  });
});
