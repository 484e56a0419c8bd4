from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    talents: int
    enterprises: int
    openings: int


SCALES = {
    scale.name: scale
    for scale in (
        Scale("XS", talents=300, enterprises=30, openings=50),
        Scale("S", talents=5_000, enterprises=300, openings=500),
        Scale("L", talents=100_000, enterprises=10_000, openings=10_000),
    )
}
