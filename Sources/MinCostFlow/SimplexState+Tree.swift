extension SimplexState {
    /// Re-hangs the subtree cut off by the leaving arc below `vIn` through the entering arc,
    /// updating parent, predecessor, thread, subtree sizes and last successors.
    /// - Complexity: `O(stem length + size of the moved subtree's thread span)`.
    func updateTreeStructure() {
        let oldRevThread = Int(revThread[uOut])
        let oldSuccNum = succNum[uOut]
        let oldLastSucc = Int(lastSucc[uOut])
        vOut = Int(parent[uOut])

        if uIn == uOut {
            parent[uIn] = Int32(vIn)
            pred[uIn] = Int32(inArc)
            predDir[uIn] = uIn == Int(source[inArc]) ? Self.up : Self.down
            if Int(thread[vIn]) != uOut {
                var after = Int(thread[oldLastSucc])
                thread[oldRevThread] = Int32(after)
                revThread[after] = Int32(oldRevThread)
                after = Int(thread[vIn])
                thread[vIn] = Int32(uOut)
                revThread[uOut] = Int32(vIn)
                thread[oldLastSucc] = Int32(after)
                revThread[after] = Int32(oldLastSucc)
            }
        } else {
            let threadContinue = oldRevThread == vIn ? Int(thread[oldLastSucc]) : Int(thread[vIn])
            var stem = uIn, parStem = vIn
            var last = Int(lastSucc[uIn])
            var after = Int(thread[last])
            thread[vIn] = Int32(uIn)
            dirtyRevs.removeAll(keepingCapacity: true)
            dirtyRevs.append(Int32(vIn))
            while stem != uOut {
                let nextStem = Int(parent[stem])
                thread[last] = Int32(nextStem)
                dirtyRevs.append(Int32(last))
                let before = Int(revThread[stem])
                thread[before] = Int32(after)
                revThread[after] = Int32(before)
                parent[stem] = Int32(parStem)
                parStem = stem
                stem = nextStem
                last = lastSucc[stem] == lastSucc[parStem] ? Int(revThread[parStem]) : Int(lastSucc[stem])
                after = Int(thread[last])
            }
            parent[uOut] = Int32(parStem)
            thread[last] = Int32(threadContinue)
            revThread[threadContinue] = Int32(last)
            lastSucc[uOut] = Int32(last)
            if oldRevThread != vIn {
                thread[oldRevThread] = Int32(after)
                revThread[after] = Int32(oldRevThread)
            }
            for u in dirtyRevs { revThread[Int(thread[Int(u)])] = u }

            var tmpSc: Int32 = 0
            let tmpLs = lastSucc[uOut]
            var u = uOut, p = Int(parent[u])
            while u != uIn {
                pred[u] = pred[p]
                predDir[u] = -predDir[p]
                tmpSc += succNum[u] - succNum[p]
                succNum[u] = tmpSc
                lastSucc[p] = tmpLs
                u = p
                p = Int(parent[u])
            }
            pred[uIn] = Int32(inArc)
            predDir[uIn] = uIn == Int(source[inArc]) ? Self.up : Self.down
            succNum[uIn] = oldSuccNum
        }

        let upLimitOut = Int(lastSucc[join]) == vIn ? join : -1
        let lastSuccOut = lastSucc[uOut]
        var u = vIn
        while u != -1 && Int(lastSucc[u]) == vIn {
            lastSucc[u] = lastSuccOut
            u = Int(parent[u])
        }
        if join != oldRevThread && vIn != oldRevThread {
            u = vOut
            while u != upLimitOut && Int(lastSucc[u]) == oldLastSucc {
                lastSucc[u] = Int32(oldRevThread)
                u = Int(parent[u])
            }
        } else if Int(lastSuccOut) != oldLastSucc {
            u = vOut
            while u != upLimitOut && Int(lastSucc[u]) == oldLastSucc {
                lastSucc[u] = lastSuccOut
                u = Int(parent[u])
            }
        }
        u = vIn
        while u != join { succNum[u] += oldSuccNum; u = Int(parent[u]) }
        u = vOut
        while u != join { succNum[u] -= oldSuccNum; u = Int(parent[u]) }
    }

    /// Shifts the potentials of the re-hung subtree so the entering arc has zero reduced cost.
    /// - Complexity: `O(size of the subtree)`.
    func updatePotential() {
        let sigma = pi[vIn] - pi[uIn] - Int64(predDir[uIn]) * cost[inArc]
        let end = Int(thread[Int(lastSucc[uIn])])
        var u = uIn
        while u != end {
            pi[u] += sigma
            u = Int(thread[u])
        }
    }

    /// Copies out flows and potentials of the real network and the exact objective.
    func result(_ net: FlowNetwork, status: FlowStatus) throws(FlowError) -> NetworkSimplex.Result {
        var total: Int64 = 0
        var flows = [Int64](repeating: 0, count: arcNum)
        for e in 0..<arcNum {
            flows[e] = flow[e]
            let (product, o1) = flow[e].multipliedReportingOverflow(by: cost[e])
            let (sum, o2) = total.addingReportingOverflow(product)
            if o1 || o2 { throw .overflow("objective exceeds Int64") }
            total = sum
        }
        let potentials = (0..<nodeNum).map { pi[$0] }
        let states = (0..<arcNum).map { NetworkSimplex.ArcState(rawValue: state[$0])! }
        let real = (arcNum..<allArcNum).allSatisfy { state[$0] != Self.tree }
        return NetworkSimplex.Result(status: status, flow: flows, potential: potentials, totalCost: total, pivots: pivots,
                                     arcState: states, basisIsReal: real)
    }
}
