import BrokleCLIKit
import Foundation
import Logging

LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
exit(await BrokleMain.run())
