import GLPK
