import HTTPServer
import QTestStore
