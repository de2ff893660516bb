set(X [==[ never
closed ]=] )
