"""Write the demo's input data from scikit-learn's bundled breast-cancer table (no download).

    /usr/bin/python3 export_data.py [TARGET_FOLDER]

TARGET_FOLDER defaults to the data/ folder beside this file. It receives
training/data.csv (75 % of the rows) and calibration/data.csv (the other 25 %),
split with a fixed seed, so running the script again rewrites identical files.
Columns: id, the 30 features (snake_case), is_malignant (1 = malignant, 0 = benign).
"""

import re
import sys
from pathlib import Path

import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

LABEL = "is_malignant"
SEED = 20240601


def snake_case(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def build_table() -> pd.DataFrame:
    bunch = load_breast_cancer()
    features = pd.DataFrame(bunch.data, columns=[snake_case(n) for n in bunch.feature_names])
    # scikit-learn codes 0 = malignant, 1 = benign; the demo predicts malignancy.
    label = pd.Series(1 - bunch.target, name=LABEL)
    ids = pd.Series(range(1, len(features) + 1), name="id")
    return pd.concat([ids, features, label], axis=1)


def export(target: Path) -> None:
    table = build_table()
    training, calibration = train_test_split(
        table, test_size=0.25, random_state=SEED, stratify=table[LABEL]
    )
    for name, part in (("training", training), ("calibration", calibration)):
        folder = target / name
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "data.csv"
        part.sort_values("id").to_csv(path, index=False, lineterminator="\n")
        print(f"wrote {path} ({len(part)} rows, {int(part[LABEL].sum())} malignant)")


if __name__ == "__main__":
    default = Path(__file__).resolve().parent / "data"
    export(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else default)
