import json
import sqlite3

from openai import OpenAI

client = OpenAI()
db = sqlite3.connect("summaries.db")


def summarize(doc_id: str, text: str) -> dict:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": "Summarise the case notes as JSON."}, {"role": "user", "content": text}],
        response_format={"type": "json_object"},
    )
    answer = response.choices[0].message.content
    db.execute("INSERT INTO summaries (doc_id, summary) VALUES (?, ?)", (doc_id, answer))
    db.commit()
    return json.loads(answer)
