import sqlite3


def fraud_rate(db_path: str, merchant: str) -> float:
    with sqlite3.connect(db_path) as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT AVG(is_fraud) FROM transactions WHERE merchant = ?", (merchant,))
        (rate,) = cursor.fetchone()
    return float(rate or 0.0)
