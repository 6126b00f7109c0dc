import Pendamping
print("hi")
