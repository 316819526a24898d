from openai import OpenAI

client = OpenAI()


def solve(question):
    response = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    code = response.choices[0].message.content
    exec(code)


def shell(task, chain):
    command = chain.invoke({"task": task})
    import subprocess
    subprocess.run(command, shell=True)
