from langchain_experimental.tools import PythonREPLTool
from langchain_community.tools import ShellTool

tools = [PythonREPLTool(), ShellTool()]
