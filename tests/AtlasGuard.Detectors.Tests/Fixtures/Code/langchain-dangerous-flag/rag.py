from langchain_community.vectorstores import FAISS
from langchain_experimental.agents import create_pandas_dataframe_agent

store = FAISS.load_local("index", embeddings, allow_dangerous_deserialization=True)
agent = create_pandas_dataframe_agent(llm, df, allow_dangerous_code=True, verbose=True)
