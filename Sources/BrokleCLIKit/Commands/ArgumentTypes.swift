import BrokleCore
import ArgumentParser

// Domain enums accepted directly as option values (with completion lists).
extension Plan: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}
extension BudgetPeriod: ExpressibleByArgument {}
