import Foundation

exit(CommandLineInterface.main(Array(CommandLine.arguments.dropFirst()), run: runCommand))
