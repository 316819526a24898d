from langchain_community.vectorstores import FAISS
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

embeddings = OpenAIEmbeddings(model="text-embedding-3-small")
store = FAISS.from_texts(["Chargebacks are reviewed within 5 days.", "Card-not-present fraud rose in Q3."], embeddings)
store.save_local("artifacts/faiss")
prompt = ChatPromptTemplate.from_template("Answer from the context only.\n{context}\nQuestion: {question}")
chain = prompt | ChatOpenAI(model="gpt-4o-mini", temperature=0)


def answer(question: str) -> str:
    docs = store.similarity_search(question, k=3)
    reply = chain.invoke({"context": "\n".join(d.page_content for d in docs), "question": question})
    print(reply.content)
    return reply.content
