"""Room metrics for the card: door connectivity over walkable tiles, 2x2 tile-pattern KL, diversity, copies."""
import math
import random
from collections import Counter

from dungeon_data import INTERIOR_HEIGHT, INTERIOR_WIDTH, SIDES, WALKABLE, WALL, DOOR_CELLS

# Interior cells just inside each door (game orientation, interior coordinates): the door cells moved one step in.
DOOR_ENTRIES = {
    "n": tuple((0, c - WALL) for _, c in DOOR_CELLS["n"]),
    "s": tuple((INTERIOR_HEIGHT - 1, c - WALL) for _, c in DOOR_CELLS["s"]),
    "w": tuple((r - WALL, 0) for r, _ in DOOR_CELLS["w"]),
    "e": tuple((r - WALL, INTERIOR_WIDTH - 1) for r, _ in DOOR_CELLS["e"]),
}


def walkable_components(interior) -> dict:
    """(row, col) -> component id over walkable tiles (4-neighbour)."""
    component, next_id = {}, 0
    for r in range(INTERIOR_HEIGHT):
        for c in range(INTERIOR_WIDTH):
            if interior[r][c] not in WALKABLE or (r, c) in component:
                continue
            stack = [(r, c)]
            component[(r, c)] = next_id
            while stack:
                y, x = stack.pop()
                for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < INTERIOR_HEIGHT and 0 <= nx < INTERIOR_WIDTH and (ny, nx) not in component \
                            and interior[ny][nx] in WALKABLE:
                        component[(ny, nx)] = next_id
                        stack.append((ny, nx))
            next_id += 1
    return component


def doors_connected(interior, doors: dict) -> bool:
    """Every open door reaches every other over walkable tiles: the components touching each door's entry cells share
    one component (a lone door needs one walkable entry cell). A room without doors counts as connected."""
    component = walkable_components(interior)
    reach = [{component[cell] for cell in DOOR_ENTRIES[side] if cell in component} for side in SIDES if doors[side]]
    if not reach:
        return True
    if any(not ids for ids in reach):
        return False
    return bool(set.intersection(*reach))


def pattern_counts(interiors, size: int = 2) -> Counter:
    counts = Counter()
    for interior in interiors:
        for r in range(INTERIOR_HEIGHT - size + 1):
            for c in range(INTERIOR_WIDTH - size + 1):
                counts["".join(interior[r + i][c:c + size] for i in range(size))] += 1
    return counts


def pattern_kl(p: Counter, q: Counter, epsilon: float = 1e-4) -> float:
    """KL(P || Q) in nats with epsilon-smoothing over the union of patterns (as level-platformer's patternKl)."""
    keys = set(p) | set(q)
    p_total = sum(p.values()) + epsilon * len(keys)
    q_total = sum(q.values()) + epsilon * len(keys)
    total = 0.0
    for key in keys:
        pp = (p.get(key, 0) + epsilon) / p_total
        qq = (q.get(key, 0) + epsilon) / q_total
        total += pp * math.log(pp / qq)
    return total


def hamming(a, b) -> int:
    return sum(x != y for line_a, line_b in zip(a, b) for x, y in zip(line_a, line_b))


def mean_pairwise_hamming(interiors) -> float:
    """Mean fraction of the 84 tiles that differ, over all pairs."""
    pairs = total = 0
    for i in range(len(interiors)):
        for j in range(i + 1, len(interiors)):
            total += hamming(interiors[i], interiors[j])
            pairs += 1
    return total / max(1, pairs) / (INTERIOR_WIDTH * INTERIOR_HEIGHT)


def distinct_per_100(interiors, rng: random.Random = None, draws: int = 50) -> float:
    """Distinct interiors per 100: consecutive blocks of 100 in order, or (with rng) the mean over random draws of 100."""
    if rng is None:
        blocks = [interiors[i:i + 100] for i in range(0, len(interiors) - 99, 100)]
    else:
        blocks = [rng.sample(list(interiors), 100) for _ in range(draws)]
    return sum(len(set(block)) for block in blocks) / max(1, len(blocks))
