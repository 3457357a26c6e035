# nothing here
# escape=`

   # really nothing
