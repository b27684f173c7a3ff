from siyu_desktop.domain.pace import Pace, rough_duration


def test_pace_waits_for_enough_then_estimates() -> None:
    assert Pace(2, 100, 5.0).per_second is None
    assert Pace(50, 100, 0.5).seconds_left is None
    pace = Pace(200, 2129, 14.0)
    assert round(pace.per_second or 0, 1) == 14.3
    assert round(pace.seconds_left or 0) == 135


def test_rough_duration_rounds_up() -> None:
    assert rough_duration(0.2) == (1, "s")
    assert rough_duration(59.1) == (60, "s")
    assert rough_duration(61) == (2, "min")
    assert rough_duration(3601) == (2, "h")


def test_a_finished_duration_is_said_to_the_second() -> None:
    from siyu_desktop.domain.pace import exact_duration

    assert exact_duration(81.9) == (0, 1, 22)  # not "2 minutes"
    assert exact_duration(0.2) == (0, 0, 1)
    assert exact_duration(3 * 3600 + 61) == (3, 1, 1)
