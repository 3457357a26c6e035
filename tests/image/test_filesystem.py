"""The merged virtual filesystem: layer order, whiteouts, duplicates and symlinks."""
from __future__ import annotations

import pytest

from dockharden.image.errors import ImageError
from dockharden.image.filesystem import FileTree, Shadowing
from dockharden.image.layers import OPAQUE, WHITEOUT, Entry, LayerScan
from dockharden.image.tarheaders import DIR, FILE, HARDLINK, SYMLINK


def fail(message):
    return ImageError("img", message)


def f(path, size=10, uid=0, gid=0, mode=0o644, mtime=100):
    return Entry(path, FILE, mode, uid, gid, size, mtime, "")


def d(path, uid=0):
    return Entry(path, DIR, 0o755, uid, 0, 0, 100, "")


def link(path, target):
    return Entry(path, SYMLINK, 0o777, 0, 0, 0, 100, target)


def gone(path):
    return Entry(path, WHITEOUT, 0, 0, 0, 0, 0, "")


def opaque(path):
    return Entry(path, OPAQUE, 0, 0, 0, 0, 0, "")


def tree_of(*layers):
    tree = FileTree()
    shadows = [tree.apply(i, LayerScan(tuple(entries), (), 0), fail) for i, entries in enumerate(layers)]
    return tree, shadows


def test_later_layers_win_and_parents_are_implied():
    tree, _ = tree_of([f("/app/a", 5)], [f("/app/a", 7, uid=1000)])
    assert sorted(tree.nodes) == ["/", "/app", "/app/a"]
    assert (tree.nodes["/app/a"].size, tree.nodes["/app/a"].uid, tree.nodes["/app/a"].layer) == (7, 1000, 1)
    assert tree.nodes["/app"].kind == DIR


def test_chown_duplicate_is_metadata_only():
    tree, shadows = tree_of([d("/app"), f("/app/a", 100), f("/app/b", 50)],
                            [d("/app", uid=1000), f("/app/a", 100, uid=1000, gid=1000), f("/app/b", 50, mode=0o600),
                             f("/app/c", 9)])
    assert shadows[1] == Shadowing(1, overwritten_files=2, overwritten_bytes=150, metadata_files=2, metadata_bytes=150,
                                   metadata_samples=("/app/a", "/app/b"))


def test_rewritten_content_is_not_a_metadata_duplicate():
    _, shadows = tree_of([f("/a", 100)], [f("/a", 100, uid=1, mtime=200)], [f("/a", 120, uid=2, mtime=200)])
    assert shadows[1] == Shadowing(1, overwritten_files=1, overwritten_bytes=100)
    assert shadows[2] == Shadowing(2, overwritten_files=1, overwritten_bytes=100)


def test_reclaimable_counts_every_hidden_copy_once():
    tree, shadows = tree_of([f("/x", 10)], [f("/x", 20)], [f("/x", 30)], [gone("/x")])
    assert "/x" not in tree.nodes
    assert [s.reclaimable_bytes for s in shadows] == [0, 10, 20, 30]


def test_whiteout_of_a_directory_removes_its_subtree():
    tree, shadows = tree_of([d("/data"), d("/data/sub"), f("/data/sub/a", 3), f("/data/b", 4), f("/keep", 1)],
                            [gone("/data")])
    assert sorted(tree.nodes) == ["/", "/keep"]
    assert shadows[1] == Shadowing(1, deleted_files=2, deleted_bytes=7)


def test_opaque_directory_hides_lower_children_but_keeps_its_own():
    tree, shadows = tree_of([d("/data"), f("/data/old", 5), d("/data/sub"), f("/data/sub/x", 6)],
                            [f("/data/new", 1), opaque("/data"), d("/data")])
    assert sorted(p for p in tree.nodes if p.startswith("/data")) == ["/data", "/data/new"]
    assert shadows[1] == Shadowing(1, deleted_files=2, deleted_bytes=11)


def test_whiteouts_do_not_touch_their_own_layer():
    tree, _ = tree_of([f("/a", 1)], [f("/a", 2), gone("/a")])
    assert tree.nodes["/a"].size == 2


def test_file_replacing_a_directory_drops_the_directory_contents():
    tree, shadows = tree_of([d("/x"), f("/x/y", 8)], [f("/x", 1)])
    assert sorted(tree.nodes) == ["/", "/x"]
    assert shadows[1].deleted_bytes == 8


def test_resolve_follows_symlinks_inside_the_tree():
    tree, _ = tree_of([d("/usr/bin"), f("/usr/bin/python3.11", mode=0o755), link("/usr/bin/python3", "python3.11"),
                       link("/bin", "usr/bin"), link("/etc/alt", "/usr/bin/python3"), link("/up", "../../../usr/bin"),
                       link("/loop", "/loop"), link("/dangling", "/nowhere")])
    assert tree.resolve("/bin/python3") == "/usr/bin/python3.11"
    assert tree.resolve("/etc/alt") == "/usr/bin/python3.11"
    assert tree.resolve("/up/python3") == "/usr/bin/python3.11"
    assert tree.resolve("/usr/bin/../bin/./python3") == "/usr/bin/python3.11"
    assert tree.resolve("/loop") is None
    assert tree.resolve("/dangling") is None
    assert tree.which("python3", "/nope:/bin") == "/bin/python3"
    assert tree.which("/etc/alt", "") == "/etc/alt"
    assert tree.which("python3", "relative:") is None


def test_which_needs_an_executable_file():
    hardlinked = Entry("/usr/bin/tool2", HARDLINK, 0o755, 0, 0, 0, 100, "/usr/bin/tool")
    tree, _ = tree_of([f("/usr/bin/data", mode=0o644), d("/usr/bin/dir"), f("/usr/bin/tool", mode=0o755), hardlinked])
    assert [tree.which(name, "/usr/bin") for name in ("data", "dir", "tool", "tool2")] == [
        None, None, "/usr/bin/tool", "/usr/bin/tool2"]


def test_walk_is_sorted_depth_first():
    tree, _ = tree_of([d("/app"), f("/app/b"), d("/app/a"), f("/app/a/z"), f("/app/c")])
    assert [path for path, _ in tree.walk("/app")] == ["/app/a", "/app/a/z", "/app/b", "/app/c"]


def test_node_cap():
    tree = FileTree(max_nodes=3)
    with pytest.raises(ImageError, match="more than 3 paths"):
        tree.apply(0, LayerScan((f("/a/b/c/d"),), (), 0), fail)
