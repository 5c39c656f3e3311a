def test_world_builds(world):
    assert world["mid_round"].status == "self"
