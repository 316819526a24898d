import json
from openai import OpenAI

client = OpenAI()


def solve(question):
    response = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    code = response.choices[0].message.content
    print(code)
    return json.loads(code)


def other():
    code = "x = 1"
    exec(code)
