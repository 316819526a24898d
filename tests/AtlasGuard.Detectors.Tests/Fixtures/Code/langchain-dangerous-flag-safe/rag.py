from langchain_community.vectorstores import FAISS

store = FAISS.load_local("index", embeddings, allow_dangerous_deserialization=False)
