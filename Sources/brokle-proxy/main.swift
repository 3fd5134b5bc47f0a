import BrokleCLIKit
import Foundation
import Logging

// The gateway on its own (systemd units, containers): the same command as `brokle proxy`.
LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
exit(await BrokleMain.run(ProxyCommand.self))
