// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IDirectory} from "./interfaces/IDirectory.sol";
import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {ISystem} from "./interfaces/ISystem.sol";
import {IStaking} from "./interfaces/IStaking.sol";

/// @title NodeRegistry
/// @notice Storage nodes: id, owner account, protocol signing key, name and network address
///         (docs/protocol.md §11 `StorageNodeInfo`, §12 registration). Registering also creates the node's
///         staking pool. The signing key is a secp256k1 address, unique across nodes, registered with a
///         proof of possession: the key's EIP-712 signature of
///         `ProofOfPossession(uint32 epoch,address owner,address signingKey)` in this contract's domain
///         {name "Walrus", version "1", chainId, verifyingContract = this registry}, for the current epoch
///         and the registering (or updating) owner.
contract NodeRegistry is Initializable, UUPSUpgradeable, INodeRegistry {
    /// @notice EIP-712 type of a proof of possession.
    bytes32 public constant PROOF_OF_POSSESSION_TYPEHASH =
        keccak256("ProofOfPossession(uint32 epoch,address owner,address signingKey)");
    /// @notice Longest node name in bytes.
    uint256 public constant MAX_NAME_LENGTH = 100;
    /// @notice Longest network address in bytes.
    uint256 public constant MAX_NETWORK_ADDRESS_LENGTH = 259;

    /// @notice Registration parameters of a node.
    struct NodeRegistration {
        string name;
        string networkAddress;
        address signingKey;
        bytes proofOfPossession;
        uint16 commissionBps;
        uint64 storagePriceVote;
        uint64 writePriceVote;
        uint64 capacityVote;
    }

    /// @notice A node, as `node` returns it.
    struct NodeInfo {
        uint32 nodeId;
        address owner;
        address signingKey;
        string name;
        string networkAddress;
    }

    struct Node {
        address owner;
        address signingKey;
        string name;
        string networkAddress;
    }

    IDirectory private _directory;
    uint32 private _nodeCount;
    mapping(uint32 nodeId => Node) private _nodes;
    mapping(address signingKey => uint32 nodeId) private _nodeBySigningKey;
    mapping(uint32 nodeId => bool) private _deregistered;
    mapping(uint32 nodeId => mapping(bytes32 blobId => bool)) private _denied;

    /// @notice A node registered; its pool was created with `commissionBps`.
    event NodeRegistered(
        uint32 indexed nodeId,
        address indexed owner,
        address signingKey,
        string name,
        string networkAddress,
        uint16 commissionBps
    );
    /// @notice A node changed its name or network address.
    event NodeMetadataUpdated(uint32 indexed nodeId, string name, string networkAddress);
    /// @notice A node registered a new signing key (committees selected from now on use it).
    event SigningKeyUpdated(uint32 indexed nodeId, address signingKey);
    /// @notice A node's owner account changed.
    event NodeOwnerChanged(uint32 indexed nodeId, address indexed newOwner);
    /// @notice A node deregistered: it is not selected again; its stake withdraws once it left the committees.
    event NodeDeregistered(uint32 indexed nodeId);
    /// @notice A node put `blobId` on (or took it off) its deny list: it refuses to store or serve it.
    event BlobDenyListUpdated(uint32 indexed nodeId, bytes32 indexed blobId, bool denied);

    /// @notice An address argument was zero.
    error NodeRegistryZeroAddress();
    /// @notice Only Governance may upgrade.
    error NodeRegistryNotGovernance();
    /// @notice No node has this id.
    error NodeRegistryUnknownNode(uint32 nodeId);
    /// @notice The caller does not own the node.
    error NodeRegistryNotNodeOwner(uint32 nodeId);
    /// @notice The name is empty or longer than 100 bytes.
    error NodeRegistryInvalidName();
    /// @notice The network address is empty or longer than 259 bytes.
    error NodeRegistryInvalidNetworkAddress();
    /// @notice The signing key is the zero address.
    error NodeRegistryZeroSigningKey();
    /// @notice Another node registered this signing key.
    error NodeRegistrySigningKeyInUse(address signingKey);
    /// @notice The proof of possession is not the key's signature for this epoch and owner.
    error NodeRegistryInvalidProofOfPossession();
    /// @notice The node already deregistered.
    error NodeRegistryDeregistered(uint32 nodeId);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    function initialize(IDirectory directory_) external initializer {
        if (address(directory_) == address(0)) revert NodeRegistryZeroAddress();
        _directory = directory_;
    }

    /// @notice Registers a storage node owned by the caller and creates its staking pool.
    /// @param r Name (1..100 bytes), network address (1..259 bytes, e.g. "127.0.0.1:9185"), signing key
    ///        with its proof of possession, commission (basis points, <= 10000), storage price, write
    ///        price and capacity votes.
    /// @return nodeId The new node's id (sequential from 1; committees are ordered by it).
    function registerNode(NodeRegistration calldata r) external returns (uint32 nodeId) {
        _checkText(r.name, r.networkAddress);
        _checkSigningKey(r.signingKey, r.proofOfPossession);
        nodeId = ++_nodeCount;
        _nodes[nodeId] = Node(msg.sender, r.signingKey, r.name, r.networkAddress);
        _nodeBySigningKey[r.signingKey] = nodeId;
        IStaking(_directory.staking())
            .createPool(nodeId, r.commissionBps, r.storagePriceVote, r.writePriceVote, r.capacityVote);
        emit NodeRegistered(nodeId, msg.sender, r.signingKey, r.name, r.networkAddress, r.commissionBps);
    }

    /// @notice Changes a node's name and network address (owner only).
    function setNodeMetadata(uint32 nodeId, string calldata name, string calldata networkAddress) external {
        Node storage n = _owned(nodeId);
        _checkText(name, networkAddress);
        n.name = name;
        n.networkAddress = networkAddress;
        emit NodeMetadataUpdated(nodeId, name, networkAddress);
    }

    /// @notice Registers a new signing key (owner only). Committees snapshot keys when selected, so the
    ///         new key signs from the next selected committee on.
    /// @param proofOfPossession The new key's `ProofOfPossession` for the current epoch and the caller.
    function setSigningKey(uint32 nodeId, address signingKey, bytes calldata proofOfPossession) external {
        Node storage n = _owned(nodeId);
        _checkSigningKey(signingKey, proofOfPossession);
        delete _nodeBySigningKey[n.signingKey];
        n.signingKey = signingKey;
        _nodeBySigningKey[signingKey] = nodeId;
        emit SigningKeyUpdated(nodeId, signingKey);
    }

    /// @notice Hands a node (and its commission) to a new owner account (owner only).
    function setNodeOwner(uint32 nodeId, address newOwner) external {
        Node storage n = _owned(nodeId);
        if (newOwner == address(0)) revert NodeRegistryZeroAddress();
        n.owner = newOwner;
        emit NodeOwnerChanged(nodeId, newOwner);
    }

    /// @notice Deregisters a node (owner only): it takes no new stake and leaves the candidate list, so it
    ///         is not selected for later committees. It stays bound by the committees it is already in
    ///         (current and, once selected, next); its stakers withdraw as usual, at once after that.
    function deregisterNode(uint32 nodeId) external {
        _owned(nodeId);
        if (_deregistered[nodeId]) revert NodeRegistryDeregistered(nodeId);
        _deregistered[nodeId] = true;
        IStaking(_directory.staking()).deregisterPool(nodeId);
        emit NodeDeregistered(nodeId);
    }

    /// @notice Whether a node deregistered.
    function isDeregistered(uint32 nodeId) external view returns (bool) {
        return _deregistered[nodeId];
    }

    /// @notice Deny-list hook (owner only): the node refuses to store or serve `blobId` (its aggregator
    ///         answers 451) or takes it back. Certification does not need a node's confirmation, so a
    ///         blob denied by fewer than a third of the shards stays certifiable and readable.
    function setBlobDenied(uint32 nodeId, bytes32 blobId, bool denied) external {
        _owned(nodeId);
        _denied[nodeId][blobId] = denied;
        emit BlobDenyListUpdated(nodeId, blobId, denied);
    }

    /// @notice Whether `nodeId` put `blobId` on its deny list.
    function isBlobDenied(uint32 nodeId, bytes32 blobId) external view returns (bool) {
        return _denied[nodeId][blobId];
    }

    /// @notice The owner account of `nodeId` (zero if unknown).
    function nodeOwner(uint32 nodeId) external view returns (address) {
        return _nodes[nodeId].owner;
    }

    /// @notice The registered signing key of `nodeId` (zero if unknown).
    function nodeSigningKey(uint32 nodeId) external view returns (address) {
        return _nodes[nodeId].signingKey;
    }

    /// @notice The registered signing keys of `nodeIds`.
    function signingKeys(uint32[] calldata nodeIds) external view returns (address[] memory keys) {
        keys = new address[](nodeIds.length);
        for (uint256 i; i < nodeIds.length; ++i) {
            keys[i] = _nodes[nodeIds[i]].signingKey;
        }
    }

    /// @notice The node that registered `signingKey` (0 if none).
    function nodeBySigningKey(address signingKey) external view returns (uint32) {
        return _nodeBySigningKey[signingKey];
    }

    /// @notice Number of registered nodes (ids are 1..nodeCount).
    function nodeCount() external view returns (uint32) {
        return _nodeCount;
    }

    /// @notice A node's identity.
    function node(uint32 nodeId) external view returns (NodeInfo memory) {
        Node storage n = _nodes[nodeId];
        if (n.owner == address(0)) revert NodeRegistryUnknownNode(nodeId);
        return NodeInfo(nodeId, n.owner, n.signingKey, n.name, n.networkAddress);
    }

    /// @notice The EIP-712 digest a signing key signs to prove possession for `owner` in `epoch`.
    function proofOfPossessionDigest(uint32 epoch, address owner, address signingKey) public view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(PROOF_OF_POSSESSION_TYPEHASH, epoch, owner, signingKey));
        return keccak256(abi.encodePacked(hex"1901", domainSeparator(), structHash));
    }

    /// @notice The EIP-712 domain separator (name "Walrus", version "1", this chain, this registry).
    function domainSeparator() public view returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Walrus"),
                keccak256("1"),
                block.chainid,
                address(this)
            )
        );
    }

    /// @notice The Directory of this deployment.
    function directory() external view returns (IDirectory) {
        return _directory;
    }

    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != _directory.governance()) revert NodeRegistryNotGovernance();
    }

    function _owned(uint32 nodeId) private view returns (Node storage n) {
        n = _nodes[nodeId];
        if (n.owner == address(0)) revert NodeRegistryUnknownNode(nodeId);
        if (n.owner != msg.sender) revert NodeRegistryNotNodeOwner(nodeId);
    }

    function _checkText(string calldata name, string calldata networkAddress) private pure {
        uint256 nameLength = bytes(name).length;
        if (nameLength == 0 || nameLength > MAX_NAME_LENGTH) revert NodeRegistryInvalidName();
        uint256 addressLength = bytes(networkAddress).length;
        if (addressLength == 0 || addressLength > MAX_NETWORK_ADDRESS_LENGTH) {
            revert NodeRegistryInvalidNetworkAddress();
        }
    }

    function _checkSigningKey(address signingKey, bytes calldata proofOfPossession) private view {
        if (signingKey == address(0)) revert NodeRegistryZeroSigningKey();
        if (_nodeBySigningKey[signingKey] != 0) revert NodeRegistrySigningKeyInUse(signingKey);
        (uint32 epoch,) = ISystem(_directory.system()).epochInfo();
        (address signer, ECDSA.RecoverError err,) =
            ECDSA.tryRecoverCalldata(proofOfPossessionDigest(epoch, msg.sender, signingKey), proofOfPossession);
        if (err != ECDSA.RecoverError.NoError || signer != signingKey) revert NodeRegistryInvalidProofOfPossession();
    }
}
