message("no end)
