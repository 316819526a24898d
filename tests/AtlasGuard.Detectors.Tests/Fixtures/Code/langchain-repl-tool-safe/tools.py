from langchain_community.tools import DuckDuckGoSearchRun

tools = [DuckDuckGoSearchRun()]
