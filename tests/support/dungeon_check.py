"""Independent recount of a dungeon's guarantees, written apart from the TypeScript agent (shares no code with it).

Reads a JSON list of dungeons as `dungeons.generate` answers them (contract/dungeons.ts) and checks, from the VGLC
Zelda legend alone (legend-of-zelda/processed/README.txt):

  * every room is 16 x 11 tiles with a 2-thick wall of W, D only on the inner wall layer where a door is listed
    (north/south: columns 7-8, east/west: rows 4-6), and no D where none is;
  * inside each room, every door reaches every other over walkable tiles (F, M, S, O and the door tiles D; B, P, I,
    W and void are not walkable), and the spawn, keys and goal stand on walkable tiles joined to the doors;
  * across the dungeon, searching over the set of keys held: every room can be entered, the goal reached, and each
    key reached while its own lock stays shut;
  * the agent's path starts at the spawn, moves one tile at a time over walkable tiles or open door passages, never
    crosses lock i before key i is picked up, visits the keys, and ends at the goal.

Usage: python3 dungeon_check.py dungeons.json  → prints {"checked": n, "passed": m, "failures": [...]}.
"""

import json
import sys

RW, RH = 16, 11
WALKABLE = set("FMSOD")
DOOR_CELLS = {
    "north": [(7, 1), (8, 1)],
    "south": [(7, 9), (8, 9)],
    "west": [(1, 4), (1, 5), (1, 6)],
    "east": [(14, 4), (14, 5), (14, 6)],
}
OPPOSITE = {"east": "west", "south": "north"}
STEPS = [(1, 0), (-1, 0), (0, 1), (0, -1)]


def room_doors(dungeon):
    sides = [set() for _ in dungeon["rooms"]]
    for door in dungeon["doors"]:
        sides[door["from"]].add(door["side"])
        sides[door["to"]].add(OPPOSITE[door["side"]])
    return sides


def check_walls(room, sides, problems):
    tiles = room["tiles"]
    if len(tiles) != RH or any(len(row) != RW for row in tiles):
        problems.append("room %d is not 16 x 11" % room["id"])
        return
    door_cells = {cell for side in sides for cell in DOOR_CELLS[side]}
    for y in range(RH):
        for x in range(RW):
            in_wall = x < 2 or x >= RW - 2 or y < 2 or y >= RH - 2
            if not in_wall:
                if tiles[y][x] in "WD":
                    problems.append("room %d has %s inside at (%d, %d)" % (room["id"], tiles[y][x], x, y))
                continue
            want = "D" if (x, y) in door_cells else "W"
            if tiles[y][x] != want:
                problems.append("room %d wall (%d, %d) is %s, not %s" % (room["id"], x, y, tiles[y][x], want))


def flood_room(tiles, starts):
    seen = set()
    stack = [c for c in starts if tiles[c[1]][c[0]] in WALKABLE]
    seen.update(stack)
    while stack:
        x, y = stack.pop()
        for dx, dy in STEPS:
            nx, ny = x + dx, y + dy
            if 0 <= nx < RW and 0 <= ny < RH and (nx, ny) not in seen and tiles[ny][nx] in WALKABLE:
                seen.add((nx, ny))
                stack.append((nx, ny))
    return seen


def check_room_inside(dungeon, room, sides, problems):
    tiles = room["tiles"]
    if not sides:
        problems.append("room %d has no door" % room["id"])
        return
    ordered = sorted(sides)
    reach = flood_room(tiles, DOOR_CELLS[ordered[0]])
    for side in ordered[1:]:
        if not any(cell in reach for cell in DOOR_CELLS[side]):
            problems.append("room %d: door %s not reachable from door %s" % (room["id"], side, ordered[0]))
    if not any(2 <= x < RW - 2 and 2 <= y < RH - 2 for x, y in reach):
        problems.append("room %d: no floor reachable inside" % room["id"])
    spots = [dungeon["spawn"], dungeon["goal"]] + dungeon["keys"]
    for spot in spots:
        if spot["room"] != room["id"]:
            continue
        x, y = spot["at"]
        if (x, y) not in reach:
            problems.append("room %d: a spawn/key/goal at (%d, %d) is not joined to the doors" % (room["id"], x, y))


class Map:
    """The dungeon as one grid; passage cells (both wall layers of a door) carry the lock that shuts them."""

    def __init__(self, dungeon):
        self.rooms = dungeon["rooms"]
        self.open = set()
        self.gates = {}
        self.room_of = {}
        for room in self.rooms:
            ox, oy = room["x"] * RW, room["y"] * RH
            for y in range(RH):
                for x in range(RW):
                    self.room_of[(ox + x, oy + y)] = room["id"]
                    if room["tiles"][y][x] in WALKABLE:
                        self.open.add((ox + x, oy + y))
        for door in dungeon["doors"]:
            a = self.rooms[door["from"]]
            b = self.rooms[door["to"]]
            expected = (a["x"] + 1, a["y"]) if door["side"] == "east" else (a["x"], a["y"] + 1)
            if (b["x"], b["y"]) != expected:
                raise ValueError("door %d->%d does not join neighbours" % (door["from"], door["to"]))
            for x, y in DOOR_CELLS[door["side"]]:
                for step in (1, 2):
                    gx = a["x"] * RW + x + (step if door["side"] == "east" else 0)
                    gy = a["y"] * RH + y + (step if door["side"] == "south" else 0)
                    self.gates[(gx, gy)] = door["lock"]

    def spot(self, spot):
        room = self.rooms[spot["room"]]
        return (room["x"] * RW + spot["at"][0], room["y"] * RH + spot["at"][1])

    def passable(self, cell, held):
        if cell in self.gates:
            lock = self.gates[cell]
            return lock is None or lock in held
        return cell in self.open

    def reach(self, start, held):
        if not self.passable(start, held):
            return set()
        seen = {start}
        stack = [start]
        while stack:
            x, y = stack.pop()
            for dx, dy in STEPS:
                nxt = (x + dx, y + dy)
                if nxt not in seen and self.passable(nxt, held):
                    seen.add(nxt)
                    stack.append(nxt)
        return seen


def collect_keys(world, dungeon, shut=None):
    """Keys picked up by walking from the spawn, opening what they open, until nothing new; `shut` never opens."""
    start = world.spot(dungeon["spawn"])
    held = set()
    while True:
        seen = world.reach(start, held)
        new = {i for i, key in enumerate(dungeon["keys"]) if i != shut and world.spot(key) in seen} - held
        if not new:
            return held, seen
        held |= new


def check_dungeon(dungeon):
    problems = []
    sides = room_doors(dungeon)
    for room in dungeon["rooms"]:
        check_walls(room, sides[room["id"]], problems)
        check_room_inside(dungeon, room, sides[room["id"]], problems)
    world = Map(dungeon)
    held, seen = collect_keys(world, dungeon)
    entered = {world.room_of[c] for c in seen if c in world.room_of and c not in world.gates}
    for room in dungeon["rooms"]:
        if room["id"] not in entered:
            problems.append("room %d cannot be entered" % room["id"])
    if world.spot(dungeon["goal"]) not in seen:
        problems.append("the goal cannot be reached")
    for i, key in enumerate(dungeon["keys"]):
        _, without = collect_keys(world, dungeon, shut=i)
        if world.spot(key) not in without:
            problems.append("key %d cannot be reached with its lock shut" % i)
    problems.extend(check_path(world, dungeon))
    return problems


def check_path(world, dungeon):
    path = [tuple(cell) for cell in dungeon["path"]]
    if not path or path[0] != world.spot(dungeon["spawn"]):
        return ["the path does not start at the spawn"]
    keys = {world.spot(key): i for i, key in enumerate(dungeon["keys"])}
    held = set()
    for i, cell in enumerate(path):
        if i > 0:
            (ax, ay), (bx, by) = path[i - 1], cell
            if abs(ax - bx) + abs(ay - by) != 1:
                return ["the path jumps at step %d" % i]
        if not world.passable(cell, held):
            return ["the path crosses a wall or a shut lock at step %d %s" % (i, cell)]
        if cell in keys:
            held.add(keys[cell])
    if len(held) != len(dungeon["keys"]):
        return ["the path misses a key"]
    if path[-1] != world.spot(dungeon["goal"]):
        return ["the path does not end at the goal"]
    return []


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        dungeons = json.load(handle)
    failures = []
    for index, dungeon in enumerate(dungeons):
        problems = check_dungeon(dungeon)
        if problems:
            failures.append({"index": index, "problems": problems})
    json.dump({"checked": len(dungeons), "passed": len(dungeons) - len(failures), "failures": failures}, sys.stdout)


if __name__ == "__main__":
    main()
