# + [markdown]
# a
# -

# +
def f():

    return 1
# -
