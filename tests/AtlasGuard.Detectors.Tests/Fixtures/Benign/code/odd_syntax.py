# Python 3.12 syntax the parser must not trip over.
type Vector = list[float]


def describe[T](items: list[T]) -> str:
    names = {"a": 1}
    return f"{len(items)} items, first={items[0]!r:>10} key={names["a"]}"


match describe([1.0]):
    case str() as text if text.startswith("1"):
        print(text)
    case _:
        pass

big = 1_000_000 + 0x_FF + 0b1010 + 1e-3j.imag
lam = lambda model: model.eval()
print(lam, big, rb"bytes\n", Rb"\d+")
